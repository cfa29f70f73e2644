/// Scale and zero point of one group: a code q stands for `scale · (q − zeroPoint)`.
public struct AffineParameters: Sendable, Hashable {
    /// The step between adjacent codes (1 for a zero-width range).
    public let scale: Float
    /// The code that stands for 0.0.
    public let zeroPoint: Int32

    /// Parameters as given (e.g. from a sidecar).
    public init(scale: Float, zeroPoint: Int32) {
        self.scale = scale
        self.zeroPoint = zeroPoint
    }

    /// 1 / scale, rounded once: codes are computed as x · (1/scale), as PyTorch's fake
    /// quantization does, so the scalar and vector paths agree and no division is in the loop.
    public var inverseScale: Float { 1 / scale }
}

/// Uniform (affine) integer quantization of b bits, 2 ≤ b ≤ 16 (Jacob et al., 2018,
/// "Quantization and Training of Neural Networks for Efficient Integer-Arithmetic-Only Inference").
///
/// ```
/// symmetric:   scale = t / (2^(b−1) − 1),  zero point 0,  codes in ±(2^(b−1) − 1),  range [−t, t]
/// asymmetric:  scale = (hi − lo) / (2^b − 1),  zero point z = clamp(round(−lo / scale), 0, 2^b − 1),
///              codes in 0 … 2^b − 1
/// q(x)  = clamp(roundHalfEven(x · fl(1/scale)) + z, qmin, qmax)
/// dq(q) = scale · (q − z)
/// ```
/// The asymmetric range is first widened to hold 0 (lo ≤ 0 ≤ hi), so z is an integer code and
/// 0.0 is exactly representable (zero padding and ReLU zeros stay exact).
/// The reciprocal is rounded once to Float (as in PyTorch); with a power-of-two scale it is exact.
/// Error bound: |x − dq(q(x))| ≤ scale/2 (plus a few ulps of x from the two Float roundings)
/// for x inside the range; outside it, x is clamped to
/// the nearest end code. A zero-width range (an all-zero group) gets scale 1 and zero point
/// 0, so nothing is divided by zero and every code, and its value, is 0 exactly.
/// NaN and ±∞ are not defined here: the scheme rejects them before quantizing
/// (`QuantizationScheme.quantize` throws, naming the index). Every finite input, from the
/// subnormals to ±`Float.greatestFiniteMagnitude`, gets a finite positive scale and finite
/// values: a range width hi − lo that overflows Float is taken in Double, and `dequantize`
/// saturates at ±`Float.greatestFiniteMagnitude` (a grid end may lie a rounding above it).
public struct AffineQuantizer: Sendable, Hashable {
    /// Code width in bits.
    public let bits: Int
    /// Symmetric (zero point 0) or asymmetric.
    public let symmetric: Bool

    /// - Precondition: `2 ≤ bits ≤ 16`.
    public init(bits: Int, symmetric: Bool) {
        precondition((2...16).contains(bits), "AffineQuantizer: bits \(bits) outside 2...16")
        self.bits = bits
        self.symmetric = symmetric
    }

    /// The smallest code: −(2^(b−1) − 1) symmetric (the most negative code is left unused so the
    /// grid is symmetric), 0 asymmetric.
    public var minCode: Int32 { symmetric ? -maxMagnitudeCode : 0 }
    /// The largest code: 2^(b−1) − 1 symmetric, 2^b − 1 asymmetric.
    public var maxCode: Int32 { symmetric ? maxMagnitudeCode : Int32((1 << bits) - 1) }
    private var maxMagnitudeCode: Int32 { Int32((1 << (bits - 1)) - 1) }

    /// The parameters that map `range` onto the codes (see the type's formulas).
    ///
    /// The scale is at least the smallest normal float, 2⁻¹²⁶: below it `1/scale` overflows to
    /// infinity and `0 · (1/scale)` is NaN. A range narrower than `maxCode · 2⁻¹²⁶` (about 10⁻³⁶
    /// for INT8) therefore maps to codes near the zero point instead of spreading over the grid.
    public func parameters(for range: ClippingRange) -> AffineParameters {
        if symmetric {
            let t = range.absMax
            return t > 0 ? AffineParameters(scale: Self.normalScale(t / Float(maxCode)), zeroPoint: 0) : AffineParameters(scale: 1, zeroPoint: 0)
        }
        let lo = min(range.lower, 0), hi = max(range.upper, 0)
        guard hi > lo else { return AffineParameters(scale: 1, zeroPoint: 0) }
        // hi − lo overflows Float for a range wider than Float.greatestFiniteMagnitude (e.g.
        // ±3.4e38); the width is then taken in Double, where it is exact. Ordinary ranges keep
        // the Float expression, so their scales do not change by a bit.
        let width = hi - lo
        let scale = Self.normalScale(
            width.isFinite ? width / Float(maxCode) : Float((Double(hi) - Double(lo)) / Double(maxCode)))
        let zero = (-lo / scale).rounded(.toNearestOrEven)
        return AffineParameters(scale: scale, zeroPoint: Int32(min(max(zero, 0), Float(maxCode))))
    }

    /// `scale` raised to the smallest normal float, so that its reciprocal is finite.
    private static func normalScale(_ scale: Float) -> Float { max(scale, .leastNormalMagnitude) }

    /// The code of one value: clamp(roundHalfEven(x · (1/scale)) + z, qmin, qmax). The scalar reference.
    public func quantize(_ x: Float, _ p: AffineParameters) -> Int32 {
        // Pre-clamp keeps the integer conversion in range for any finite x and scale; it cannot
        // change a result, since 2²² lies far beyond every code.
        let ratio = min(max(x * p.inverseScale, -0x1p22), 0x1p22)
        let q = Int32(ratio.rounded(.toNearestOrEven)) + p.zeroPoint
        return min(max(q, minCode), maxCode)
    }

    /// The value a code stands for: scale · (q − z), saturated at ±`Float.greatestFiniteMagnitude`.
    ///
    /// The product is formed in Double, where it is exact (24 + 17 bits), and rounded once to
    /// Float: the same value as the Float product whenever that is finite. Only a grid end that
    /// rounds above the largest float (a range reaching ±3.4e38) is saturated instead of ±∞.
    public func dequantize(_ q: Int32, _ p: AffineParameters) -> Float {
        let exact = Double(p.scale) * Double(q - p.zeroPoint)
        let largest = Double(Float.greatestFiniteMagnitude)
        return Float(min(max(exact, -largest), largest))
    }
}
