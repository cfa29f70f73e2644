import Charts
import Datasets
import Foundation
import Records
import Report
public import Runner

/// `quantlab report`: brings the study's sections up to date, then analyses, draws and renders
/// the report of one profile from all its stored results.
///
/// Steps: rerun stale and missing sections (per `policy`); for each section with results, build
/// its chapter (values, charts, tables) from the stored trials and draw the charts; gather the
/// findings into the pros-and-cons chapter; add provenance and the reproduction appendix; hand
/// everything to `ReportBuilder`, which writes `quantization.md` and `.html` atomically. What
/// the report says depends on the stored results and the current code only, never on what this
/// invocation reran. A section without results renders as a note (with its error, if its run
/// failed); a failed rerun keeps the last good results, marked stale. A section whose stored
/// results are damaged and that was not rerun stops the report before anything is written
/// (`DamagedResultsError`). Error texts shown in the report name files relative to the workspace
/// root, never by a path of this machine.
public struct StudyReport: Sendable {
    /// The sections and the closing chapter.
    public let study: Study
    /// Runs and judges sections.
    public let runner: SectionRunner
    /// Where the report, its figures and the templates are.
    public let layout: ReportLayout

    /// The report of `runner`'s profile over `study`.
    public init(study: Study = .registry, runner: SectionRunner) {
        self.study = study
        self.runner = runner
        layout = ReportLayout(root: runner.workspace.root, profile: runner.profile)
    }

    /// Updates the sections and writes the report.
    /// - Parameter policy: Which sections to rerun first.
    /// - Returns: The outcome of each section, in report order.
    /// - Throws: `DamagedResultsError` when a section that was not rerun has damaged results
    ///   (nothing is written then), `ResultsError` for a locked or unreadable store or a file that cannot be written,
    ///   `ChapterError` when stored records lack what a chapter needs, `ChartError` for drawing,
    ///   `ReportError` for the report's templates and numbers.
    @discardableResult
    public func run(policy: RerunPolicy) throws -> [SectionOutcome] {
        let outcomes = try runner.update(study.experiments, policy: policy)
        for outcome in outcomes where !outcome.rerun {
            for reason in outcome.after.staleReasons {
                guard case .damaged = reason else { continue }
                throw DamagedResultsError(section: outcome.section, detail: portable(reason.description), profile: runner.profile.rawValue)
            }
        }
        var built: [Chapter] = []
        var findings: [String: TemplateValue] = [:]
        var decisions: [DecisionEntry] = []
        var drawnOn: [String] = []
        for (section, outcome) in zip(study.sections, outcomes) {
            let status = outcome.after
            guard let meta = status.lastGood else {
                built.append(Chapter(template: section.template, content: .unavailable(error: status.lastFailure?.error.map(portable))))
                continue
            }
            let directory = runner.workspace.directory(of: section.id, profile: runner.profile)
            let output: ChapterOutput
            do { output = try section.chapter.build(try directory.trials()) } catch var error as ChapterError {
                error.file = "\(directory.displayPath)/\(ResultDirectory.trialsJSONL)"
                throw error
            }
            let figures = try draw(output.charts)
            built.append(Chapter(
                template: section.template,
                content: .filled(ChapterContext(values: output.values, figures: figures, tables: output.tables)),
                provenance: Self.provenance(meta, status: status, portable: portable)))
            findings.merge(output.findings) { $1 }
            decisions += output.decisions
            drawnOn.append(section.id)
        }
        let closing = closingValues(findings: findings, drawnOn: drawnOn, decisions: decisions)
        built.insert(Chapter(template: study.summaryTemplate, content: .filled(ChapterContext(values: closing))), at: 0)
        built.append(prosAndCons(closing, decisions: decisions))
        let builder = ReportBuilder(
            title: "Quantization of neural networks: a measured study",
            preamble: Self.preamble,
            templateDirectory: layout.templateDirectory,
            chapters: built,
            appendix: try appendix(outcomes.map(\.after)))
        try builder.write(to: layout.reportFile)
        return outcomes
    }

    /// Draws each chart to `<figures>/<label>.{png,svg}` and returns its placement.
    private func draw(_ charts: [ChapterChart]) throws -> [PlacedFigure] {
        let renderer = ChartRenderer()
        return try charts.map { chart in
            try renderer.renderInMemory(chart.chart).writeFiles(to: layout.figuresDirectory.appendingPathComponent(chart.label))
            return PlacedFigure(
                label: chart.label, image: "\(layout.figureLink)/\(chart.label).svg", altText: chart.chart.altText,
                caption: chart.caption)
        }
    }

    /// The provenance line of a chapter shown from `meta`: how and when its results were made,
    /// and whether they are still fresh.
    /// - Parameters:
    ///   - meta: the run whose results are shown.
    ///   - status: the section's state now.
    ///   - portable: rewrites error texts for the report (machine paths made relative).
    static func provenance(_ meta: RunMeta, status: SectionStatus, portable: (String) -> String = { $0 }) -> Provenance {
        var provenance = Provenance(
            profile: meta.profile.rawValue, seed: meta.seed, fingerprint: meta.fingerprint,
            runDate: RunMeta.date(meta.startTime) ?? Date(timeIntervalSince1970: 0),
            duration: max(0, meta.durationSeconds),
            commit: meta.git.commit == "unknown" ? nil : String(meta.git.commit.prefix(7)) + (meta.git.dirty ? " (modified)" : ""))
        switch status.state {
        case .failed(let error): provenance.failure = portable(error)
        case .stale(let reasons): provenance.staleReason = reasons.map(\.description).joined(separator: "; ")
        default: break
        }
        return provenance
    }

    /// The values of the summary and the closing chapter: every finding any chapter produced,
    /// the others false, and which sections they draw on.
    private func closingValues(findings: [String: TemplateValue], drawnOn: [String], decisions: [DecisionEntry]) -> [String: TemplateValue] {
        var values: [String: TemplateValue] = [:]
        for name in study.sections.flatMap(\.chapter.findingNames) { values[name] = findings[name] ?? .flag(false) }
        let missing = study.ids.filter { !drawnOn.contains($0) }
        values["drawn_on"] = .text(drawnOn.isEmpty ? "no section" : drawnOn.map { "`\($0)`" }.joined(separator: ", "))
        values["missing"] = .text(missing.map { "`\($0)`" }.joined(separator: ", "))
        values["has_missing"] = .flag(!missing.isEmpty)
        return values
    }

    /// The closing chapter: the findings as pros and cons, and the decision table assembled
    /// from every chapter's entries.
    private func prosAndCons(_ values: [String: TemplateValue], decisions: [DecisionEntry]) -> Chapter {
        let table = CaptionedTable(
            label: "decision",
            caption: "Each format or scheme as measured in this study: storage per weight, speed on this CPU, and the accuracy cost in each experiment that measured it (an empty cell: not measured there). The last two columns separate what this CPU costs (no FP16 or FP8 arithmetic, no 4-bit instructions) from what the format itself costs. Every cell comes from the chapter's records.",
            table: DecisionTable.table(decisions))
        return Chapter(template: study.prosAndConsTemplate, content: .filled(ChapterContext(values: values, tables: [table])))
    }

    /// The reproduction appendix: commands, environment, pinned inputs, the state of every section.
    private func appendix(_ statuses: [SectionStatus]) throws -> Appendix {
        let manifest = try Manifest(contentsOf: runner.workspace.root.appendingPathComponent("data/MANIFEST").path)
        let environment = statuses.compactMap { $0.lastGood?.environment }.first ?? Environment.current()
        return Appendix(
            commands: [
                "make report            # PROFILE=\(runner.profile.rawValue) SEED=\(runner.seed)",
                "make test",
                "make <section>         # one of: \(study.ids.joined(separator: ", "))",
                ".build/release/quantlab report --profile \(runner.profile.rawValue) --seed \(runner.seed)",
            ],
            environment: environment.rows.map { (key: $0.name, value: $0.value) },
            inputs: manifest.entries.map {
                Appendix.Input(name: $0.name, package: $0.package, version: $0.version, sha256: $0.sha256, licence: $0.licence)
            },
            sections: statuses.map { status in
                let state: Appendix.Section.Status = switch status.state {
                case .missing: .missing
                case .failed: .failed(portable(status.lastFailure?.error ?? "failed"))
                case .stale(let reasons): .stale(reasons.map(\.description).joined(separator: "; "))
                case .fresh: .fresh
                }
                return Appendix.Section(
                    id: status.section, fingerprint: status.lastGood?.fingerprint, status: state,
                    runDate: status.lastGood.flatMap { RunMeta.date($0.startTime) })
            })
    }

    /// `text` with this workspace's root (as given and with symlinks resolved) removed from
    /// paths, so an error recorded by a run names `data/raw/autompg.csv`, not the absolute path
    /// of a temporary workspace: the report holds no path of this machine.
    func portable(_ text: String) -> String {
        let root = runner.workspace.root
        var result = text
        for prefix in Set([root.path, root.resolvingSymlinksInPath().path]) where prefix.count > 1 {
            result = result.replacingOccurrences(of: prefix + "/", with: "")
        }
        return result
    }

    /// Markdown under the title.
    static let preamble = """
        Every number, table and figure below was produced by the code of this repository on the \
        machine described in the appendix, by `make report`. Timings are medians over repeats; \
        speedups are ratios measured in the same run; formats this CPU cannot compute natively are \
        marked *emulated*.
        """
}
