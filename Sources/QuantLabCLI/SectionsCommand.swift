import ArgumentParser
import Experiments
import Results

/// `quantlab sections`: which sections are fresh, stale (and why), missing or failed.
struct Sections: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List each section as fresh, stale (with the reason), missing or failed.")

    @OptionGroup var settings: RunSettings

    func run() throws {
        let runner = settings.runner(threads: settings.resolvedThreads)
        print("judged against \(settings.banner)")
        print(SectionListing.text(ExperimentRegistry.sections.experiments.map { runner.status(of: $0) }), terminator: "")
    }
}
