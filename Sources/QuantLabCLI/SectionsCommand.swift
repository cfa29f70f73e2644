import ArgumentParser
import Runner
import Study

/// `quantlab sections`: which sections are fresh, stale (and why), missing or failed.
struct Sections: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List each section as fresh, stale (with the reason), missing or failed.")

    @OptionGroup var settings: RunSettings

    @Flag(help: "Print only the section ids, one per line, in report order (for scripts and make).")
    var ids = false

    func run() throws {
        if ids {
            print(Study.registry.ids.joined(separator: "\n"))
            return
        }
        let runner = settings.runner(threads: settings.resolvedThreads)
        print("judged against \(settings.banner)")
        print(SectionListing.text(Study.registry.experiments.map { runner.status(of: $0) }), terminator: "")
    }
}
