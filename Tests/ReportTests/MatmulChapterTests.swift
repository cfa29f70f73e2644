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
        #expect(Set(output.charts.map(\.label)) == ["matmul-error", "matmul-speedup", "matmul-throughput", "matmul-bytes", "matmul-smoothquant"])
        // Emulated formats are labelled wherever they are timed.
        let summary = try #require(output.tables.first { $0.label == "matmul-summary-middle" })
        let fp16 = try #require(summary.table.rows.first { $0.first == .text("FP16 (emulated)") }, "FP16 row labelled emulated")
        #expect(fp16.count == 8, "format, three distributions' errors, three speed ratios, memory")
        #expect(Set(output.findings.keys).isSubset(of: Set(MatmulChapter().findingNames)))
        // The INT8 speed claim is gated on its interval: exactly one of the pro and the con.
        #expect((output.findings["matmul_int8_speed"] != nil) != (output.findings["matmul_int8_no_speedup"] != nil))
        // Alt texts come from the plotted data: the error chart names every plotted format.
        let error = try #require(output.charts.first { $0.label == "matmul-error" })
        for name in ["FP32", "BF16", "INT8 per-tensor", "INT4 per-channel"] { #expect(error.chart.altText.contains(name)) }
    }

    @Test func missingRecordsNameTheSection() {
        #expect(throws: ChapterError.self) { try MatmulChapter().build([]) }
    }
}
