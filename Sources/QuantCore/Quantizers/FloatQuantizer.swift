/// Quantization to a floating-point format, optionally scaled into its range.
///
/// ```
/// s = 1 (scaling .none)   or   s = t / maxFinite (scaling .absmax; t the calibrated absmax)
/// q(x)  = encodeSaturating(x / s)          (a bit pattern)
/// dq(q) = s · decode(q)
/// ```
/// Rounding is to nearest, ties to even (IEEE 754); overflow saturates to ±maxFinite (OCP FP8
/// saturating mode), since a quantizer must not produce ±∞ or NaN from finite input. Error bound
/// inside the range: |x − dq(q(x))| ≤ s · ½ ulp(x / s). A zero t gets s = 1.
public struct FloatQuantizer: Sendable, Hashable {
    /// The target format.
    public let format: FloatFormat
    /// Whether groups are scaled into the format's range first.
    public let scaling: FloatScaling

    /// A quantizer to `format`, unscaled by default.
    public init(format: FloatFormat, scaling: FloatScaling = .none) {
        self.format = format
        self.scaling = scaling
    }

    /// The scale for a group whose calibrated absmax is `t`.
    public func scale(forAbsMax t: Float) -> Float {
        guard scaling == .absmax, t > 0 else { return 1 }
        // A subnormal t over the format's largest value can underflow to 0, and x / 0 is ±∞ or
        // NaN: the scale is then the smallest positive float, with which every x / s stays finite.
        return max(t / Float(format.maxFinite), .leastNonzeroMagnitude)
    }

    /// Saturating codes and dequantized values of `values` with scale `s` (vectorized).
    public func quantize(_ values: [Float], scale s: Float) -> (codes: [Int32], dequantized: [Float]) {
        let scaled = s == 1 ? values : values.map { $0 / s }
        let codes = format.bits <= 16 ? format.encodeSaturating16(scaled).map { Int32($0) } : scaled.map { Int32(bitPattern: $0.bitPattern) }
        var dequantized = format.rounded(scaled)
        if s != 1 {
            // The format's largest value times a scale rounded up can exceed the largest float
            // when t is near it: the product saturates there instead of becoming ±∞.
            for i in dequantized.indices {
                let product = dequantized[i] * s
                dequantized[i] = product.isFinite ? product
                    : (product < 0 ? -.greatestFiniteMagnitude : .greatestFiniteMagnitude)
            }
        }
        return (codes, dequantized)
    }
}
