/// A model folder that cannot be loaded: a missing or malformed `config.json`, or weights that
/// do not fit the configuration. One line, `FILE: PROBLEM`.
public struct BertLoadError: Error, CustomStringConvertible, Sendable, Hashable {
    /// The file at fault, as the caller named it.
    public let file: String
    /// What is wrong, and what to do.
    public let problem: String

    /// An error about `file`.
    public init(file: String, problem: String) {
        self.file = file
        self.problem = problem
    }

    /// `FILE: PROBLEM` on one line.
    public var description: String { "\(file): \(problem)" }
}
