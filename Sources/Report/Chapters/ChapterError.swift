/// A section's stored records lack what its chapter needs.
public struct ChapterError: Error, CustomStringConvertible, Sendable {
    /// The section.
    public let section: String
    /// What is missing.
    public let problem: String
    /// The records file read, as shown to the user (`data/results/full/matmul/trials.jsonl`);
    /// the caller that read it sets it.
    public var file: String?

    /// An error for `section`.
    public init(section: String, _ problem: String) {
        self.section = section
        self.problem = problem
    }

    public var description: String {
        "\(file ?? "\(section) records"): \(problem); rerun with quantlab run \(section)"
    }
}
