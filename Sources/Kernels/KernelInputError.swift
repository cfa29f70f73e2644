/// An input a kernel cannot compute (a shape that does not chain, an empty extent, a group size
/// that does not divide, a NaN), thrown before any work starts.
///
/// The text is one line naming the values, e.g.
/// `matmul operands [7, 13] · [12, 5]: inner extents 13 and 12 differ`.
public struct KernelInputError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What was wrong, naming the values.
    public let description: String

    /// An error with a one-line message.
    public init(_ description: String) { self.description = description }
}
