import Foundation
import Report
import Results
import Testing

/// The linreg chapter built from the section's committed results (`data/results/linreg/`).
@Suite("Linreg chapter")
struct LinregChapterTests {
    /// The stored records of the first k-fold repeat (and every record without repeats): the
    /// bootstrap intervals of the full set take seconds in a debug build.
    static func storedRecords() throws -> [TrialRecord] {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("data/results/linreg/trials.jsonl")
        return try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
            .map { try TrialRecord(jsonLine: String($0)) }
            .filter { ($0.parameters["repeat"] ?? 0) == 0 }
    }

    @Test("builds every table, chart and finding from stored records; numbers are finite")
    func build() throws {
        let chapter = LinregChapter()
        let output = try chapter.build(try Self.storedRecords())
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

    @Test("records of another section are rejected with the section named")
    func missing() {
        #expect(throws: ChapterError.self) { try LinregChapter().build([]) }
    }
}
