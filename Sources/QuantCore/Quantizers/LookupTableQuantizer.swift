/// Quantization to a lookup-table format (NF4) with absmax scaling per block, as in QLoRA
/// (Dettmers et al., 2023): each block is divided by its absmax so it lies in [−1, 1], and each
/// value is coded as its nearest level.
///
/// ```
/// s = t (the block's calibrated absmax; 1 when t = 0)
/// q(x)  = argminᵢ |levelᵢ − x / s|   (ties to the lower index; beyond ±1 clamps to the end levels)
/// dq(q) = s · level_q
/// ```
/// Error bound inside the range: half the largest gap between adjacent levels, times s.
public struct LookupTableQuantizer: Sendable, Hashable {
    /// The table of levels.
    public let format: LookupTableFormat

    /// A quantizer to the table `format`.
    public init(format: LookupTableFormat) { self.format = format }

    /// The scale of a block whose calibrated absmax is `t`.
    public func scale(forAbsMax t: Float) -> Float { t > 0 ? t / Float(format.maxFinite) : 1 }

    /// Codes and dequantized values of `values` with scale `s`.
    public func quantize(_ values: [Float], scale s: Float) -> (codes: [Int32], dequantized: [Float]) {
        var codes = [Int32](repeating: 0, count: values.count)
        var dequantized = [Float](repeating: 0, count: values.count)
        for (i, x) in values.enumerated() {
            let c = format.code(of: x / s)
            codes[i] = Int32(c)
            dequantized[i] = s * format.value(of: c)
        }
        return (codes, dequantized)
    }
}
