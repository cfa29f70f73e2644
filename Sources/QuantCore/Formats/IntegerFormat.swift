/// A two's-complement or unsigned integer code of 2 to 16 bits, as used by affine quantization.
///
/// The facts describe the code itself (the integers it can hold), not a scaled tensor: a
/// quantized value is `scale · (q − zeroPoint)`, so its range and spacing follow the scale.
public struct IntegerFormat: NumberFormat, Hashable {
    /// Code width in bits, 2...16.
    public let bits: Int
    /// Two's complement when true; unsigned otherwise.
    public let signed: Bool

    /// - Precondition: `2 ≤ bits ≤ 16`.
    public init(bits: Int, signed: Bool = true) {
        precondition((2...16).contains(bits), "IntegerFormat: bits \(bits) outside 2...16")
        self.bits = bits
        self.signed = signed
    }

    /// Signed 8-bit codes, −128…127.
    public static let int8 = IntegerFormat(bits: 8)
    /// Signed 4-bit codes, −8…7.
    public static let int4 = IntegerFormat(bits: 4)
    /// Signed 2-bit codes, −2…1.
    public static let int2 = IntegerFormat(bits: 2)
    /// Unsigned 8-bit codes, 0…255 (the asymmetric grid).
    public static let uint8 = IntegerFormat(bits: 8, signed: false)

    /// `int8`, `uint8`, `int4`, …
    public var name: String { "\(signed ? "int" : "uint")\(bits)" }
    public var displayName: String { name.uppercased() }
    /// Smallest code: −2^(b−1) or 0.
    public var minCode: Int { signed ? -(1 << (bits - 1)) : 0 }
    /// Largest code: 2^(b−1) − 1 or 2^b − 1.
    public var maxCode: Int { signed ? (1 << (bits - 1)) - 1 : (1 << bits) - 1 }
    public var exponentBits: Int? { nil }
    public var mantissaBits: Int? { nil }
    /// The largest code.
    public var maxFinite: Double { Double(maxCode) }
    public var minNormal: Double? { nil }
    public var minSubnormal: Double? { nil }
    /// Adjacent codes differ by one.
    public var epsilon: Double? { 1 }
    /// 2ᵇ codes.
    public var distinctFiniteValues: Int { 1 << bits }
}
