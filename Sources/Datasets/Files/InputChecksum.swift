/// The SHA-256 of one input file, as recorded next to results.
public struct InputChecksum: Equatable, Hashable, Sendable, Codable {
    /// The file name relative to the data root, e.g. `mnist_5k.csv`.
    public let file: String
    /// 64 lower-case hexadecimal digits.
    public let sha256: String

    /// Creates a record.
    public init(file: String, sha256: String) {
        self.file = file
        self.sha256 = sha256
    }
}
