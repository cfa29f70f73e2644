/// A vocabulary file that cannot be used: missing, unreadable, or without the special tokens
/// BERT needs. One line, `FILE: PROBLEM`.
public struct TokenizerError: Error, CustomStringConvertible, Sendable, Hashable {
    /// The vocabulary file, as the caller named it.
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
