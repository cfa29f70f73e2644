import QuantCore
import Tensor

/// The block-32 formats of llama.cpp's GEMVs at their bits per weight, for the error at equal
/// bits: `w8a8-b32` (Q8_0 × Q8_0, 8.5 bits per weight) and `w4a8-b32` (Q4_0-like × Q8_0, 4.5).
///
/// ```
/// s[r][k] = fp16(max_{c ∈ k} |W[r][c]| / qmax),  q = round(W / s_fp32) ∈ [−qmax, qmax]   (k: 32 columns)
/// t[k]    = max_{c ∈ k} |x_c| / 127,             x8 = round(x / t[k])                    (QuantCore)
/// y[r]    = Σ_k s[r][k] · t[k] · Σ_{c ∈ k} q[r][c] · x8[c]                                 (FP64)
/// ```
/// The codes come from QuantCore's `SymmetricIntegerMatrix` (groups of 32) with the FP32 scale,
/// and the scale is then stored as FP16, as ggml's Q8_0 does (16 bits per 32 weights: +0.5 bit
/// per weight). INT4 stays symmetric in [−7, 7] like our group-128 INT4, where Q4_0 uses the
/// range −8…7. Error only: y is evaluated in FP64 from the codes, not timed (no kernel of ours
/// reads this layout).
enum Block32GEMV {
    /// Columns per weight and activation scale.
    static let block = 32

    /// The weight formats and their code widths, in report order.
    static let formats: [(weights: String, bits: Int)] = [("w8a8-b32", 8), ("w4a8-b32", 4)]

    /// Bits per weight: codes plus one FP16 scale per 32 weights.
    static func bitsPerWeight(bits: Int) -> Double { Double(bits) + 16 / Double(block) }

    /// y of `w` and `x` in the block-32 format with `bits`-bit weight codes.
    /// - Throws: `QuantizationError` when W or x holds NaN or infinity.
    static func product(w: Tensor, x: [Float], bits: Int) throws -> [Double] {
        let (rows, columns) = (w.shape[0], w.shape[1])
        let q = try SymmetricIntegerMatrix(quantizing: w, bits: bits, axis: .rowGroups(size: block))
        let scales = FloatFormat.fp16.rounded(q.scales)
        let blocks = (columns + block - 1) / block
        var codes = [Int8](repeating: 0, count: columns), t = [Float](repeating: 0, count: blocks)
        try x.withUnsafeBufferPointer { px in
            try codes.withUnsafeMutableBufferPointer { c in
                try t.withUnsafeMutableBufferPointer { try AffineQuantizer.int8PerBlock(px, blockSize: block, codes: c, scales: $0) }
            }
        }
        return (0..<rows).map { r in
            (0..<blocks).reduce(0.0) { sum, k in
                var dot = 0
                for c in (k * block)..<min(columns, (k + 1) * block) { dot += Int(q.codes[r * columns + c]) * Int(codes[c]) }
                return sum + Double(scales[r * blocks + k]) * Double(t[k]) * Double(dot)
            }
        }
    }
}
