import Foundation
import Report
import Records
import Testing

/// The `linreg` chapter rendered from a recorded quick-profile run of its experiment, compared
/// with a recorded snapshot (`RECORD_GOLDEN=1` re-records it). Every number is fixed by the
/// recorded trials.
@Suite("Linreg chapter")
struct LinregChapterTests {
    /// The recorded quick-profile run.
    static let records = Result { try Fixture.records("linreg") }

    @Test func chapterMatchesSnapshot() throws {
        let output = try LinregChapter().build(Self.records.get())
        let markdown = try Fixture.render(output, template: "03-linreg.md.mustache", title: "Linreg")
        try Golden.check(markdown, "linreg-chapter.md")
    }

    @Test("every table, chart and finding is built; every number is finite")
    func build() throws {
        let chapter = LinregChapter()
        let output = try chapter.build(Self.records.get())
        #expect(output.tables.map(\.label) == ["linreg-arithmetic", "linreg-ptq", "linreg-inputs", "linreg-best"])
        #expect(output.charts.map(\.label) == ["linreg-kappa", "linreg-bits"])
        #expect(Set(output.findings.keys).isSubset(of: chapter.findingNames))
        func finite(_ value: TemplateValue, _ path: String) {
            switch value {
            case .number(let x, _): #expect(x.isFinite, "\(path) = \(x)")
            case .list(let items): for (i, item) in items.enumerated() { finite(item, "\(path)[\(i)]") }
            case .record(let r): for (k, v) in r { finite(v, "\(path).\(k)") }
            case .text, .flag: break
            }
        }
        for (name, value) in output.values { finite(value, name) }
        for (name, value) in output.findings { finite(value, name) }
    }

    @Test func missingRecordsNameTheSection() {
        #expect(throws: ChapterError.self) { try LinregChapter().build([]) }
        do { _ = try LinregChapter().build([]) } catch {
            #expect("\(error)".hasPrefix("linreg records: ") && "\(error)".hasSuffix("rerun with quantlab run linreg"))
        }
    }
}
