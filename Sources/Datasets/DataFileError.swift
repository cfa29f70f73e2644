/// A problem with an input file: missing, unreadable, malformed or failing its checksum.
///
/// The description is one line, `FILE[:LINE]: PROBLEM`, naming the file (and line) and what to
/// do, e.g. `data/raw/mnist_5k.csv: missing; run make data` or
/// `data/raw/digits.csv:12: expected 65 columns, got 64`.
public struct DataFileError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file, as the caller named it (relative paths stay relative, so messages stay short).
    public let file: String
    /// The 1-based line number, when the problem is on one line.
    public let line: Int?
    /// What is wrong, and what to do about it where there is something to do.
    public let problem: String

    /// Creates an error about `file` (and `line`, when the problem is on one line).
    public init(file: String, line: Int? = nil, problem: String) {
        self.file = file
        self.line = line
        self.problem = problem
    }

    /// `FILE[:LINE]: PROBLEM` on one line.
    public var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        return "\(place): \(problem)"
    }
}
