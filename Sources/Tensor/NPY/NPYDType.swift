/// The element types QuantLab reads and writes in .npy files (NumPy `dtype.str`, little-endian).
public enum NPYDType: String, Sendable, Hashable, CaseIterable {
    case float32 = "<f4"
    case float64 = "<f8"
    case float16 = "<f2"
    case int8 = "|i1"
    case uint8 = "|u1"
    case int32 = "<i4"
    /// Also the container for FP16 and BF16 bit patterns.
    case uint16 = "<u2"

    /// Bytes per element.
    public var size: Int {
        switch self {
        case .int8, .uint8: return 1
        case .float16, .uint16: return 2
        case .float32, .int32: return 4
        case .float64: return 8
        }
    }

    /// The dtype a descriptor names; NumPy writes one-byte types with `|` but accepts `<` too.
    init?(descriptor: String) {
        switch descriptor {
        case "<i1": self = .int8
        case "<u1": self = .uint8
        default: self.init(rawValue: descriptor)
        }
    }
}
