import Foundation
import Records

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
}
