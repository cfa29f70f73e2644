import Datasets
import Experiments
import Foundation
import Report
import Results
import Testing

/// The `linreg` chapter rendered from a small run of its experiment (every family, every bit
/// width the template cites, two folds, one seed), compared with a recorded snapshot
/// (`RECORD_GOLDEN=1` re-records it). Every number is fixed by the parameters and the seed.
@Suite("Linreg chapter")
struct LinregChapterTests {
    /// The tiny test parameters widened to the bit widths the template names.
    static let parameters: LinregParameters = {
        var p = LinregParameters.tiny
        p.bits = [8, 4, 3, 2]
        p.qatBits = [2, 3, 4]
        return p
    }()

    /// One run shared by the tests (a debug-build run takes seconds).
    static let records = Result {
        let context = ExperimentContext(
            seed: RunDefaults.seed, profile: .quick, threads: 1,
            dataPaths: DataPaths(packageRoot: DataPaths.packageRoot(containing: #filePath)!),
            progress: ProgressReporter(label: "linreg", output: .silent))
        return try LinregExperiment().run(parameters, context: context)
    }

    @Test func chapterMatchesSnapshot() throws {
        let output = try LinregChapter().build(Self.records.get())
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("linreg-chapter-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let template = LinregChapter().template
        try FileManager.default.copyItem(
            at: packageRoot.appendingPathComponent("report/src/\(template)"), to: directory.appendingPathComponent(template))
        let figures = output.charts.map {
            PlacedFigure(label: $0.label, image: "../figures/\($0.label).svg", altText: $0.chart.altText, caption: $0.caption)
        }
        let builder = ReportBuilder(
            title: "Linreg", templateDirectory: directory,
            chapters: [Chapter(template: template, content: .filled(ChapterContext(values: output.values, figures: figures, tables: output.tables)))],
            appendix: nil)
        try Golden.check(try builder.build().markdown, "linreg-chapter.md")
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
            #expect("\(error)".hasPrefix("data/results/linreg/trials.jsonl: "))
        }
    }
}
