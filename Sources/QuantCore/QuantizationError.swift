/// Input that a quantization cannot accept.
public enum QuantizationError: Error, CustomStringConvertible, Sendable, Hashable {
    /// A NaN or ±∞ in the input: quantization rejects it rather than let it poison a scale.
    case nonFinite(index: Int, value: Float)
    /// The granularity does not fit the tensor's shape.
    case granularity(GranularityError)
    /// Codes, scales, a shape or a bit width that do not make a `SymmetricIntegerMatrix` (the
    /// text names the values, e.g. `quantized matrix 2×2: axis rows needs 2 scales, got 1`).
    case invalidMatrix(String)

    /// One line naming the element or shape and what to do.
    public var description: String {
        switch self {
        case .nonFinite(let index, let value):
            return "element \(index) is \(value); quantization needs finite values (remove or replace NaN and infinities)"
        case .granularity(let error):
            return error.description
        case .invalidMatrix(let description):
            return description
        }
    }
}
