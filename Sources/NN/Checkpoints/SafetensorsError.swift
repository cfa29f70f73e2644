/// Why a safetensors file could not be read, written or loaded into a model: the file, the kind
/// of problem, and a one-line description that names both.
///
/// Errors as values in the style of swift-system's `Errno`: `kind` is what tests and callers
/// match on, `description` is what a person reads (`model.safetensors: tensor 'w' has dtype
/// 'Q4', not one of BOOL U8 I8 …`).
public struct SafetensorsError: Error, CustomStringConvertible, Sendable, Hashable {
    /// The kinds of problem.
    public enum Kind: Sendable, Hashable {
        /// The file cannot be opened or read.
        case unreadable
        /// The file cannot be written (or renamed into place).
        case unwritable
        /// The file ends before the 8-byte length, or before the header it announces.
        case truncated
        /// The announced header length exceeds the 100 MB limit.
        case headerTooLarge
        /// The header is not JSON, not an object, or an entry lacks a well-typed field.
        case malformedHeader
        /// A dtype name outside the safetensors specification.
        case unknownDType
        /// A tensor's data offsets fall outside the data section (or begin after they end).
        case offsetsOutsideData
        /// Two tensors' byte ranges overlap.
        case overlappingTensors
        /// A tensor's byte range is not its shape's element count times its dtype's size.
        case sizeMismatch
        /// A valid dtype that is not read as `Float` (only F32, F16, BF16, I8, U8 are).
        case unsupportedDType
        /// A tensor the reader or the model asked for is not in the file.
        case missingTensor
        /// The file holds a tensor the model does not have.
        case unexpectedTensor
        /// A tensor's shape differs from the model's.
        case shapeMismatch
    }

    /// The file, as given by the caller.
    public let path: String
    /// What went wrong.
    public let kind: Kind
    /// The problem in words, without the path.
    public let detail: String

    /// An error about `path`.
    public init(path: String, kind: Kind, detail: String) {
        self.path = path
        self.kind = kind
        self.detail = detail
    }

    /// `path: detail`, on one line.
    public var description: String { "\(path): \(detail)" }
}
