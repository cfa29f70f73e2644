import Foundation
import Testing

@testable import Report

/// The summary that opens the report: every line is a finding with a number from the records
/// and a link to the figure or table behind it, never a sentence without either.
@Suite("Summary template")
struct SummaryTemplateTests {
    @Test("Every finding section of the summary names a value and a figure or table")
    func everyFindingHasANumberAndALink() throws {
        let file = "00-summary.md.mustache"
        let url = Fixture.packageRoot.appendingPathComponent("report/src").appendingPathComponent(file)
        let nodes = try TemplateParser.parse(try String(contentsOf: url, encoding: .utf8), file: file)
        for node in nodes {
            guard case .section(let name, _, _, let body) = node, name != "has_missing" else { continue }
            let names = CitationTests.names(body)
            let values = names.filter { !$0.hasPrefix("ref.") && !$0.hasPrefix("cite.") }
            #expect(!values.isEmpty, "\(file): the summary finding \(name) prints no value from the records")
            #expect(names.contains { $0.hasPrefix("ref.figure.") || $0.hasPrefix("ref.table.") },
                    "\(file): the summary finding \(name) links no figure or table")
        }
    }
}
