import ArgumentParser
import Experiments
import Results

/// `quantlab run SECTION…`: runs those sections now and stores their results.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run sections now and store their results in data/results/<section>/.")

    @Argument(help: "Sections to run, in order.")
    var sections: [String]

    @OptionGroup var settings: RunSettings

    @Option(help: "Threads for oneDNN and OpenBLAS (default: all available processors).")
    var threads: Int?

    @Flag(help: "Wait for another run holding a section's lock instead of exiting.")
    var wait = false

    func validate() throws {
        guard !sections.isEmpty else { throw ValidationError("name at least one section") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
    }

    func run() throws {
        let experiments = try ExperimentRegistry.sections.experiments(named: sections)
        let threadCount = threads ?? ThreadCount.available
        ThreadCount.apply(threadCount)
        let output = ProgressOutput.standardError
        output.write("quantlab run: \(settings.banner), \(threadCount) thread(s)\n")
        let runner = SectionRunner(
            workspace: settings.workspace, profile: settings.profile, seed: settings.resolvedSeed,
            threads: threadCount, waitForLock: wait, output: output)
        var failed = false
        for experiment in experiments where try runner.run(experiment).status == .failed {
            failed = true
        }
        if failed { throw ExitCode.failure }
    }
}
