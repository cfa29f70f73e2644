import Charts
import Datasets
import Experiments
public import Foundation
public import Results

/// `quantlab report`: brings every section up to date, then analyses, draws and writes the
/// report from all stored results.
///
/// Steps: rerun stale and missing sections (per `policy`); for each chapter with results, build
/// its values, charts and tables from the stored trials and draw the charts into `figures/`;
/// gather the findings into the pros-and-cons chapter; add provenance and the reproduction
/// appendix; write `report/quantization.md` and `.html` atomically. A section without results
/// renders as a note (with its error, if its run failed); a failed rerun keeps the last good
/// results, marked stale.
public struct ReportAssembler: Sendable {
    /// Runs and judges sections.
    public let runner: SectionRunner
    /// The chapter builders, in report order.
    public let chapters: [any ChapterBuilder]
    /// The experiments whose results the chapters show.
    public let experiments: [any Experiment]

    /// An assembler over `runner`'s workspace.
    public init(
        runner: SectionRunner, chapters: [any ChapterBuilder] = ReportChapters.all,
        experiments: [any Experiment]? = nil
    ) {
        self.runner = runner
        self.chapters = chapters
        self.experiments = experiments ?? ExperimentRegistry.sections.experiments
    }

    /// `report/quantization.md` under the workspace.
    public var reportFile: URL { runner.workspace.root.appendingPathComponent("report/quantization.md") }
    /// `figures/` under the workspace.
    public var figuresDirectory: URL { runner.workspace.root.appendingPathComponent("figures") }
    /// `report/src/` under the workspace.
    public var templateDirectory: URL { runner.workspace.root.appendingPathComponent("report/src") }

    /// Updates the sections and writes the report.
    /// - Parameter policy: Which sections to rerun first.
    /// - Returns: The outcome of each section, in report order.
    /// - Throws: `ResultsError` for a locked or unreadable store or a file that cannot be written,
    ///   `ChapterError` when stored records lack what a chapter needs, `ChartError` for drawing,
    ///   `ReportError` for the report's templates and numbers.
    @discardableResult
    public func run(policy: RerunPolicy) throws -> [SectionOutcome] {
        let outcomes = try runner.update(experiments, policy: policy)
        var built: [Chapter] = []
        var findings: [String: TemplateValue] = [:]
        var drawnOn: [String] = []
        for builder in chapters {
            guard let outcome = outcomes.first(where: { $0.section == builder.section }) else {
                preconditionFailure("chapter \(builder.section) has no experiment in the registry")
            }
            let status = outcome.after
            guard let meta = status.lastGood else {
                built.append(Chapter(template: builder.template, content: .unavailable(error: status.lastFailure?.error)))
                continue
            }
            let records = try runner.workspace.directory(of: builder.section).trials()
            let output = try builder.build(records)
            let figures = try draw(output.charts)
            built.append(Chapter(
                template: builder.template,
                content: .filled(ChapterContext(values: output.values, figures: figures, tables: output.tables)),
                provenance: provenance(meta, rerun: outcome.rerun, status: status)))
            findings.merge(output.findings) { $1 }
            drawnOn.append(builder.section)
        }
        built.append(prosAndCons(findings: findings, drawnOn: drawnOn))
        let builder = ReportBuilder(
            title: "Quantization of neural networks: a measured study",
            preamble: Self.preamble,
            templateDirectory: templateDirectory,
            chapters: built,
            appendix: try appendix(outcomes))
        try builder.write(to: reportFile)
        return outcomes
    }

    /// Draws each chart to `figures/<label>.{png,svg}` and returns its placement.
    private func draw(_ charts: [ChapterChart]) throws -> [PlacedFigure] {
        try FileManager.default.createDirectory(at: figuresDirectory, withIntermediateDirectories: true)
        let renderer = ChartRenderer()
        return try charts.map { chart in
            try renderer.renderInMemory(chart.chart).writeFiles(to: figuresDirectory.appendingPathComponent(chart.label))
            return PlacedFigure(label: chart.label, image: "../figures/\(chart.label).svg", altText: chart.chart.altText, caption: chart.caption)
        }
    }

    /// The provenance line of a chapter shown from `meta`.
    private func provenance(_ meta: RunMeta, rerun: Bool, status: SectionStatus) -> Provenance {
        var failure: String?
        var provenance = Provenance(
            profile: meta.profile.rawValue, seed: meta.seed, fingerprint: meta.fingerprint,
            runDate: RunMeta.date(meta.startTime) ?? Date(timeIntervalSince1970: 0),
            duration: max(0, meta.durationSeconds),
            origin: .reused)
        switch status.state {
        case .failed(let error): failure = error
        case .stale(let reasons): provenance.staleReason = reasons.map(\.description).joined(separator: "; ")
        default: break
        }
        provenance.failure = failure
        provenance.origin = rerun && failure == nil ? .rerun : .reused
        return provenance
    }

    /// The closing chapter: every finding any chapter produced, the others false.
    private func prosAndCons(findings: [String: TemplateValue], drawnOn: [String]) -> Chapter {
        var values: [String: TemplateValue] = [:]
        for name in chapters.flatMap(\.findingNames) { values[name] = findings[name] ?? .flag(false) }
        let missing = chapters.map(\.section).filter { !drawnOn.contains($0) }
        values["drawn_on"] = .text(drawnOn.isEmpty ? "no section" : drawnOn.map { "`\($0)`" }.joined(separator: ", "))
        values["missing"] = .text(missing.map { "`\($0)`" }.joined(separator: ", "))
        values["has_missing"] = .flag(!missing.isEmpty)
        return Chapter(template: ReportChapters.prosAndConsTemplate, content: .filled(ChapterContext(values: values)))
    }

    /// The reproduction appendix: commands, environment, pinned inputs, section fingerprints.
    private func appendix(_ outcomes: [SectionOutcome]) throws -> Appendix {
        let manifest = try Manifest(contentsOf: runner.workspace.root.appendingPathComponent("data/MANIFEST").path)
        let environment = outcomes.compactMap { $0.after.lastGood?.environment }.first ?? Environment.current()
        return Appendix(
            commands: [
                "make report            # PROFILE=\(runner.profile.rawValue) SEED=\(runner.seed)",
                "make test",
                "make <section>         # one of: \(experiments.map(\.id).joined(separator: ", "))",
                ".build/release/quantlab report --profile \(runner.profile.rawValue) --seed \(runner.seed)",
            ],
            environment: environment.rows.map { (key: $0.name, value: $0.value) },
            inputs: manifest.entries.map {
                Appendix.Input(name: $0.name, package: $0.package, version: $0.version, sha256: $0.sha256, licence: $0.licence)
            },
            sections: outcomes.map { outcome in
                let status = outcome.after
                let state: Appendix.Section.Status = switch status.state {
                case .missing: .missing
                case .failed: .failed(status.lastFailure?.error ?? "failed")
                default: outcome.rerun ? .rerun : .reused
                }
                return Appendix.Section(
                    id: outcome.section, fingerprint: status.lastGood?.fingerprint, status: state,
                    runDate: status.lastGood.flatMap { RunMeta.date($0.startTime) })
            })
    }

    /// Markdown under the title.
    static let preamble = """
        Every number, table and figure below was produced by the code of this repository on the \
        machine described in the appendix, by `make report`. Timings are medians over repeats; \
        speedups are ratios measured in the same run; formats this CPU cannot compute natively are \
        marked *emulated*.
        """
}
