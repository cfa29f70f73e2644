import ArgumentParser
import Records
import Runner
import Study

/// `quantlab sections`: which sections are fresh, stale (and why), missing or failed.
struct Sections: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List each section as fresh, stale (with the reason), missing or failed, per profile.",
        discussion: """
            Without --profile both profiles are listed, full first: each keeps its own results \
            (data/results/full/, data/results/quick/).

            Example: quantlab sections --profile quick
            """)

    @OptionGroup var settings: RunSettings

    @Flag(help: "Print only the section ids, one per line, in report order (for scripts and make).")
    var ids = false

    func run() throws {
        if ids {
            print(Study.registry.ids.joined(separator: "\n"))
            return
        }
        // Without --profile both profiles are listed: each keeps its own results.
        let profiles: [Profile] = settings.profile.map { [$0] } ?? [.full, .quick]
        for (index, profile) in profiles.enumerated() {
            let runner = settings.runner(threads: settings.resolvedThreads, profile: profile)
            if index > 0 { print() }
            print("judged against \(settings.banner(profile))")
            let statuses = Study.registry.experiments.map { runner.status(of: $0) }
            print(SectionListing.text(statuses, width: TerminalWidth.current(for: 1)), terminator: "")
        }
    }
}
