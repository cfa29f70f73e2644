/// A binary floating-point format of 1 sign bit, `exponentBits` exponent bits and
/// `mantissaBits` stored mantissa bits, written once for FP32, FP16, BF16 and both FP8 formats.
///
/// A finite code with stored exponent `E` and mantissa field `M` has the value
/// ```
/// normal    (E ≥ 1):  (−1)ˢ · 2^(E − bias) · (1 + M / 2ᵐ)
/// subnormal (E = 0):  (−1)ˢ · 2^(1 − bias) · (M / 2ᵐ)
/// ```
/// The all-ones exponent is special: under `.ieee` it holds ±∞ (M = 0) and NaN (M ≠ 0)
/// (IEEE 754); under `.finiteOnly` (the OCP 8-bit Floating Point specification's "FN" formats,
/// e.g. E4M3FN) it holds normal numbers except the all-ones mantissa, the single NaN per sign,
/// and there is no infinity.
///
/// Rounding is always to nearest, ties to even. Codes are the bit patterns in the low
/// `bits` bits of a `UInt32`, sign bit highest.
public struct FloatFormat: NumberFormat, Hashable {
    /// How the all-ones exponent is used.
    public enum SpecialValues: Sendable, Hashable {
        /// IEEE 754: ±∞ and NaNs in the all-ones exponent; overflow rounds to ±∞.
        case ieee
        /// OCP FP8 "FN": no infinities; only the all-ones exponent with all-ones mantissa is NaN;
        /// overflow (and ±∞) becomes NaN in a non-saturating conversion.
        case finiteOnly
    }

    /// The command-line name, e.g. `fp8-e4m3`.
    public let name: String
    /// The name in tables, e.g. `FP8 E4M3`.
    public let displayName: String
    /// Exponent bits (1...8).
    public let exponentWidth: Int
    /// Stored mantissa bits (1...23).
    public let mantissaWidth: Int
    /// Exponent bias: stored exponent `E` means 2^(E − bias).
    public let bias: Int
    /// Use of the all-ones exponent.
    public let specials: SpecialValues

    /// Creates a format. Formats wider than FP32 are not supported: every value must fit a `Float`.
    /// - Precondition: `1 ≤ exponentBits ≤ 8`, `1 ≤ mantissaBits ≤ 23`.
    public init(
        name: String, displayName: String, exponentBits: Int, mantissaBits: Int, bias: Int,
        specials: SpecialValues
    ) {
        precondition((1...8).contains(exponentBits), "FloatFormat: exponent bits \(exponentBits) outside 1...8")
        precondition((1...23).contains(mantissaBits), "FloatFormat: mantissa bits \(mantissaBits) outside 1...23")
        self.name = name
        self.displayName = displayName
        self.exponentWidth = exponentBits
        self.mantissaWidth = mantissaBits
        self.bias = bias
        self.specials = specials
    }

    /// IEEE 754 binary32.
    public static let fp32 = FloatFormat(
        name: "fp32", displayName: "FP32", exponentBits: 8, mantissaBits: 23, bias: 127, specials: .ieee)
    /// IEEE 754 binary16.
    public static let fp16 = FloatFormat(
        name: "fp16", displayName: "FP16", exponentBits: 5, mantissaBits: 10, bias: 15, specials: .ieee)
    /// bfloat16: the top half of binary32 (8 exponent bits, 7 mantissa bits), IEEE specials.
    public static let bf16 = FloatFormat(
        name: "bf16", displayName: "BF16", exponentBits: 8, mantissaBits: 7, bias: 127, specials: .ieee)
    /// OCP FP8 E4M3 ("E4M3FN"): bias 7, no infinities, NaN = S.1111.111, max 448.
    public static let e4m3 = FloatFormat(
        name: "fp8-e4m3", displayName: "FP8 E4M3", exponentBits: 4, mantissaBits: 3, bias: 7,
        specials: .finiteOnly)
    /// OCP FP8 E5M2: bias 15, IEEE-like with ±∞ and NaNs, max 57344.
    public static let e5m2 = FloatFormat(
        name: "fp8-e5m2", displayName: "FP8 E5M2", exponentBits: 5, mantissaBits: 2, bias: 15, specials: .ieee)

    /// Every built-in float format, widest first.
    public static let all: [FloatFormat] = [.fp32, .fp16, .bf16, .e4m3, .e5m2]

    /// The built-in format with this command-line name (`fp32`, `fp16`, `bf16`, `fp8-e4m3`, `fp8-e5m2`).
    public static func named(_ name: String) -> FloatFormat? {
        all.first { $0.name == name.lowercased() }
    }

    // MARK: NumberFormat

    /// 1 sign bit + exponent bits + mantissa bits.
    public var bits: Int { 1 + exponentWidth + mantissaWidth }
    public var exponentBits: Int? { exponentWidth }
    public var mantissaBits: Int? { mantissaWidth }
    /// The value of `maxFiniteCode`: (2 − 2^(−m)) · 2^(emax) under IEEE, one mantissa step less under FN.
    public var maxFinite: Double { Double(decode(maxFiniteCode)) }
    public var minNormal: Double? { smallestNormal }
    public var minSubnormal: Double? { smallestSubnormal }
    public var epsilon: Double? { ulpOfOne }
    /// Finite codes of both signs, less one for the duplicate zero.
    public var distinctFiniteValues: Int { 2 * (Int(maxFiniteCode) + 1) - 1 }

    /// The smallest positive normal value, 2^(1 − bias).
    public var smallestNormal: Double { Double(sign: .plus, exponent: minExponent, significand: 1) }
    /// The smallest positive subnormal value, 2^(1 − bias − m).
    public var smallestSubnormal: Double { Double(sign: .plus, exponent: minExponent - mantissaWidth, significand: 1) }
    /// 2^(−m): the gap between 1 and the next larger value.
    public var ulpOfOne: Double { Double(sign: .plus, exponent: -mantissaWidth, significand: 1) }

    // MARK: Layout

    /// Unbiased exponent of the smallest normal number: `1 − bias`.
    public var minExponent: Int { 1 - bias }
    /// Mask of the stored mantissa field.
    public var mantissaMask: UInt32 { (1 << UInt32(mantissaWidth)) - 1 }
    /// The all-ones stored exponent.
    public var maxStoredExponent: UInt32 { (1 << UInt32(exponentWidth)) - 1 }
    /// The sign bit.
    public var signMask: UInt32 { 1 << UInt32(exponentWidth + mantissaWidth) }

    /// The positive code of the largest finite value.
    public var maxFiniteCode: UInt32 {
        switch specials {
        case .ieee: return ((maxStoredExponent - 1) << UInt32(mantissaWidth)) | mantissaMask
        case .finiteOnly: return (maxStoredExponent << UInt32(mantissaWidth)) | (mantissaMask - 1)
        }
    }

    /// The positive infinity code, or `nil` for a finite-only format.
    public var infinityCode: UInt32? {
        specials == .ieee ? maxStoredExponent << UInt32(mantissaWidth) : nil
    }

    /// The positive canonical NaN code: quiet NaN (top mantissa bit) under IEEE, all ones under FN.
    public var nanCode: UInt32 {
        switch specials {
        case .ieee: return (maxStoredExponent << UInt32(mantissaWidth)) | (1 << UInt32(mantissaWidth - 1))
        case .finiteOnly: return (maxStoredExponent << UInt32(mantissaWidth)) | mantissaMask
        }
    }
}

