/// The fields of one code of a `FloatFormat`, as `quantlab explain` shows them.
public struct FloatBitFields: Sendable, Hashable {
    /// What kind of number a code holds.
    public enum Kind: String, Sendable, Hashable {
        case zero, subnormal, normal, infinity, nan
    }

    /// The bit pattern.
    public let code: UInt32
    /// The sign bit, 0 or 1.
    public let sign: Int
    /// The stored (biased) exponent field.
    public let storedExponent: Int
    /// The exponent bias.
    public let bias: Int
    /// The exponent the value is scaled by: `stored − bias`, or `1 − bias` for subnormals and zero.
    public let unbiasedExponent: Int
    /// The sign bit as a string, e.g. `0`.
    public let signBits: String
    /// The exponent field as a string, most significant bit first, e.g. `01111101`.
    public let exponentBits: String
    /// The mantissa field as a string, e.g. `10000000000000000000000`.
    public let mantissaBits: String
    /// The value the code stands for.
    public let value: Float
    /// The kind of number.
    public let kind: Kind

    /// Sign, exponent and mantissa bits separated by spaces: `0 01111101 100…`.
    public var spaced: String { "\(signBits) \(exponentBits) \(mantissaBits)" }
}

extension FloatFormat {
    /// The bit-field view of a code (only its low `bits` bits are read).
    public func bitFields(of code: UInt32) -> FloatBitFields {
        let value = decode(code)
        let stored = Int((code >> UInt32(mantissaWidth)) & maxStoredExponent)
        let mantissa = code & mantissaMask
        let kind: FloatBitFields.Kind
        if value.isNaN { kind = .nan } else if value.isInfinite { kind = .infinity } else if value == 0 {
            kind = .zero
        } else if stored == 0 { kind = .subnormal } else { kind = .normal }
        return FloatBitFields(
            code: code & (signMask | (signMask - 1)),
            sign: code & signMask != 0 ? 1 : 0,
            storedExponent: stored, bias: bias,
            unbiasedExponent: stored == 0 ? minExponent : stored - bias,
            signBits: code & signMask != 0 ? "1" : "0",
            exponentBits: Self.binary(UInt32(stored), width: exponentWidth),
            mantissaBits: Self.binary(mantissa, width: mantissaWidth),
            value: value, kind: kind)
    }

    /// The next representable value above `value`'s code (toward +∞), or `nil` at the top
    /// (the largest finite value under `.finiteOnly`, or +∞ / NaN).
    public func nextUp(_ code: UInt32) -> Float? {
        neighbour(of: code, up: true)
    }

    /// The next representable value below `value`'s code (toward −∞), or `nil` at the bottom.
    public func nextDown(_ code: UInt32) -> Float? {
        neighbour(of: code, up: false)
    }

    /// Steps one code toward ±∞ in value order: codes of one sign are ordered by magnitude,
    /// so moving away from zero adds one and moving toward it subtracts one; ±0 step across.
    private func neighbour(of code: UInt32, up: Bool) -> Float? {
        let value = decode(code)
        if value.isNaN { return nil }
        if value.isInfinite { return (value > 0) == up ? nil : (up ? -Float(maxFinite) : Float(maxFinite)) }
        let magnitude = code & ~signMask
        let negative = code & signMask != 0
        let next: UInt32
        if magnitude == 0 {
            next = up ? 1 : signMask | 1
        } else if negative != up {
            next = code + 1  // away from zero
        } else {
            next = code - 1  // toward zero
        }
        let result = decode(next)
        if result.isNaN { return nil }
        return result
    }

    static func binary(_ value: UInt32, width: Int) -> String {
        String((0..<width).reversed().map { value >> UInt32($0) & 1 == 1 ? "1" : "0" })
    }
}
