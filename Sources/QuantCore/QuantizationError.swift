/// Input that a quantization cannot accept.
public enum QuantizationError: Error, CustomStringConvertible, Sendable, Hashable {
    /// A NaN or ±∞ in the input: quantization rejects it rather than let it poison a scale.
    case nonFinite(index: Int, value: Float)
    /// The granularity does not fit the tensor's shape.
    case granularity(GranularityError)

    /// One line naming the element or shape and what to do.
    public var description: String {
        switch self {
        case .nonFinite(let index, let value):
            return "element \(index) is \(value); quantization needs finite values (remove or replace NaN and infinities)"
        case .granularity(let error):
            return error.description
        }
    }
}
