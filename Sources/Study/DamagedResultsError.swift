import Runner

/// A section's stored results are damaged (a `meta.json` that does not parse, a `trials.jsonl`
/// that does not match its meta's checksum) and the section was not rerun: the report is not
/// written, so a chapter is never silently replaced by "not run yet".
///
/// One line, e.g. `section matmul: results damaged (data/results/quick/matmul/meta.json: …);
/// the report was not written; rerun the section (quantlab run matmul --profile quick)`.
public struct DamagedResultsError: Error, CustomStringConvertible, Sendable {
    /// The section id.
    public let section: String
    /// What is damaged, as the runner judged it (a `StaleReason.damaged` description).
    public let detail: String
    /// The profile whose results are damaged.
    public let profile: String

    /// An error about `section`'s results in `profile`.
    public init(section: String, detail: String, profile: String) {
        self.section = section
        self.detail = detail
        self.profile = profile
    }

    public var description: String {
        "section \(section): \(detail); the report was not written; rerun the section "
            + "(quantlab run \(section) --profile \(profile))"
    }
}
