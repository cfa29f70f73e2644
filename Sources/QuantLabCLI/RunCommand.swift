import ArgumentParser
import Records
import Runner
import Study

/// `quantlab run SECTION…`: runs those sections now and stores their results.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run sections now and store their results in data/results/<profile>/<section>/.")

    @Argument(help: "Sections to run, in order.")
    var sections: [String]

    @OptionGroup var settings: RunSettings

    @Flag(help: "Wait for another run holding a section's lock instead of exiting.")
    var wait = false

    func validate() throws {
        guard !sections.isEmpty else { throw ValidationError("name at least one section") }
        // An unknown name is a usage error (exit 64), like every other bad argument.
        do { _ = try Study.registry.sections(named: sections) } catch {
            // A near miss (`linrg`) also names the id it was probably meant to be.
            var hint = ""
            if case .unknownSection(let id, let known) = error { hint = NearestName.hint(for: id, among: known) }
            throw ValidationError(error.description + hint)
        }
        try settings.requireProjectRoot()
    }

    func run() throws {
        let chosen = try Study.registry.sections(named: sections)
        let threadCount = settings.resolvedThreads
        ThreadCount.apply(threadCount)
        let output = ProgressOutput.standardError
        output.writeWrapped("quantlab run: \(settings.banner), \(threadCount) thread(s)")
        let runner = settings.runner(threads: threadCount, waitForLock: wait, output: output)
        var failures: [(section: String, error: String)] = []
        for section in chosen {
            let meta = try runner.run(section.experiment)
            if meta.status == .failed { failures.append((section.id, meta.error ?? "unknown error")) }
        }
        // The last line names each failed section and why, not an empty `Error: `.
        if !failures.isEmpty { throw SectionFailure(failures) }
    }
}
