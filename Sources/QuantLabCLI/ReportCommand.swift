import ArgumentParser
import Runner
import Study

/// `quantlab report`: reruns stale and missing sections, then analyses, draws and writes the report.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Bring sections up to date, then write the profile's report (and .html) with its figures.",
        discussion: """
            Sections whose stored fingerprint still matches are reused; stale and missing ones \
            run first (--rerun stale, the default). A section whose run fails keeps its last good \
            results, shown as stale with the error, and the command exits 1 after writing the \
            report. Damaged stored results of a section that is not rerun are an error: nothing \
            is written. The full profile writes \
            report/quantization.md and figures/; the quick profile writes report/quick/ and \
            figures/quick/, so it never replaces the full study.

            Example: quantlab report --profile quick --rerun none
            """)

    @OptionGroup var settings: RunSettings

    @Option(help: "Which sections to rerun first: stale (and missing), all, or none.")
    var rerun: RerunPolicy = .stale

    @Option(help: ArgumentHelp("Rerun only these sections (comma-separated ids); the others are shown as stored.", valueName: "ids"))
    var sections: String?

    @Flag(help: "Wait for another run holding a section's lock instead of exiting.")
    var wait = false

    func validate() throws {
        try settings.requireProjectRoot()
    }

    func run() throws {
        let threadCount = settings.resolvedThreads
        ThreadCount.apply(threadCount)
        let output = ProgressOutput.standardError
        output.writeWrapped("quantlab report: \(settings.banner), \(threadCount) thread(s), rerun \(rerun.rawValue)")
        let runner = settings.runner(threads: threadCount, waitForLock: wait, output: output)
        let only = sections.map { Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }) }
        let summary = try StudyReport(runner: runner).run(policy: rerun, only: only)
        output.write(summary.lines(width: output.width).map { $0 + "\n" }.joined())
        // A section whose rerun failed is marked in the report; the command still fails, and
        // its last line says why.
        if let failure = SectionFailure(outcomes: summary.outcomes) { throw failure }
    }
}
