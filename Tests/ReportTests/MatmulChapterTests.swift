import Foundation
import Report
import Records
import Testing

/// The `matmul` chapter rendered from a recorded quick-profile run of its experiment, checked for
/// completeness and labelling.
@Suite struct MatmulChapterTests {
    static func records() throws -> [TrialRecord] { try Fixture.records("matmul") }

    @Test func chapterFillsEveryPlaceholderAndMarksEmulation() throws {
        let output = try MatmulChapter().build(Self.records())
        let markdown = try Fixture.render(output, template: "02-matmul.md.mustache", title: "Matmul")
        #expect(!markdown.contains("{{"))
        #expect(Set(output.charts.map(\.label)) == ["matmul-error", "matmul-speedup", "matmul-throughput", "matmul-bytes"])
        // Emulated formats are labelled wherever they are timed.
        let summary = try #require(output.tables.first { $0.label == "matmul-summary-middle" })
        let fp16 = try #require(summary.table.rows.first { $0.first == .text("FP16 (emulated)") }, "FP16 row labelled emulated")
        #expect(fp16.count == 6)
        #expect(Set(output.findings.keys).isSubset(of: Set(MatmulChapter().findingNames)))
        #expect(output.findings["matmul_emulated"] != nil && output.findings["matmul_int8_speed"] != nil)
    }

    @Test func missingRecordsNameTheSection() {
        #expect(throws: ChapterError.self) { try MatmulChapter().build([]) }
    }
}
