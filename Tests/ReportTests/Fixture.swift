import Foundation
import Records
import Report

/// The recorded trials that chapter tests build from: `Tests/Fixtures/<section>/trials.jsonl`,
/// a quick-profile run of each section's experiment (`make fixtures` records them anew), so a
/// chapter test reruns no experiment and gives the same chapter on every machine.
enum Fixture {
    /// The package root: this file sits at Tests/ReportTests/.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The recorded trials of `section`.
    static func records(_ section: String) throws -> [TrialRecord] {
        let file = packageRoot.appendingPathComponent("Tests/Fixtures/\(section)/trials.jsonl")
        return try TrialsJSONL.records(from: String(contentsOf: file, encoding: .utf8), source: file.path)
    }

    /// The Markdown of one chapter built from `output` through its real template in
    /// `report/src/`, alone in a temporary template directory (figures linked, not drawn).
    static func render(_ output: ChapterOutput, template: String, title: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("chapter-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.copyItem(
            at: packageRoot.appendingPathComponent("report/src/\(template)"), to: directory.appendingPathComponent(template))
        let figures = output.charts.map {
            PlacedFigure(label: $0.label, image: "../figures/\($0.label).svg", altText: $0.chart.altText, caption: $0.caption)
        }
        let context = ChapterContext(values: output.values, figures: figures, tables: output.tables)
        let builder = ReportBuilder(
            title: title, templateDirectory: directory, chapters: [Chapter(template: template, content: .filled(context))],
            appendix: nil)
        return try builder.build().markdown
    }
}
