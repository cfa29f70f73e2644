import Foundation
import Report
import Records
import Testing

/// The `formats` chapter rendered from a recorded quick-profile run of its experiment, compared with
/// a recorded snapshot (`RECORD_GOLDEN=1` re-records it). Every number in it is fixed by the
/// profile and seed, so any change to QuantCore, the experiment, the analysis or the template
/// shows up here.
@Suite struct FormatsChapterTests {
    static func records() throws -> [TrialRecord] { try Fixture.records("formats") }

    @Test func chapterMatchesSnapshot() throws {
        let output = try FormatsChapter().build(Self.records())
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("formats-chapter-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let template = "01-formats.md.mustache"
        try FileManager.default.copyItem(
            at: packageRoot.appendingPathComponent("report/src/\(template)"), to: directory.appendingPathComponent(template))
        let figures = output.charts.map {
            PlacedFigure(label: $0.label, image: "../figures/\($0.label).svg", altText: $0.chart.altText, caption: $0.caption)
        }
        let builder = ReportBuilder(
            title: "Formats", templateDirectory: directory,
            chapters: [Chapter(template: template, content: .filled(ChapterContext(values: output.values, figures: figures, tables: output.tables)))],
            appendix: nil)
        try Golden.check(try builder.build().markdown, "formats-chapter.md")
    }

    @Test func findingsCiteMeasuredNumbers() throws {
        let output = try FormatsChapter().build(Self.records())
        #expect(Set(output.findings.keys).isSubset(of: Set(FormatsChapter().findingNames)))
        guard case .record(let memory)? = output.findings["formats_memory"] else {
            Issue.record("formats_memory finding missing")
            return
        }
        // 16 bits against 4 + 16/128 bits per weight: 16 / 4.125 = 3.878…
        #expect(memory["ratio"] == .number(16 / 4.125, .ratio))
    }

    @Test func missingRecordsNameTheSection() {
        #expect(throws: ChapterError.self) { try FormatsChapter().build([]) }
        do { _ = try FormatsChapter().build([]) } catch {
            #expect("\(error)".hasPrefix("formats records: no trial with "))
        }
    }
}
