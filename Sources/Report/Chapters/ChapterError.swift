/// A section's stored records lack what its chapter needs.
public struct ChapterError: Error, CustomStringConvertible, Sendable {
    /// The section.
    public let section: String
    /// What is missing.
    public let problem: String

    /// An error for `section`.
    public init(section: String, _ problem: String) {
        self.section = section
        self.problem = problem
    }

    public var description: String {
        "data/results/\(section)/trials.jsonl: \(problem); rerun with quantlab run \(section)"
    }
}
