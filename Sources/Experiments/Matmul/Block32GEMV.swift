import QuantCore
import Tensor

/// The block-32 formats of llama.cpp's GEMVs at their bits per weight, for the error at equal
/// bits: `w8a8-b32` (8.5 bits per weight, as Q8_0 × Q8_0) and `w4a8-b32` (4.5, as Q4_0 × Q8_0).
///
/// ```
/// m       = the value of largest magnitude in block k of row r (signed)
/// d(f)    = fp16(−f · m / 2^(b−1)),   q(f) = clamp(round(W / d(f)), −2^(b−1), 2^(b−1) − 1)
/// s[r][k] = d(f*),  f* = argmin_{f ∈ candidates} Σ_{c ∈ k} (q(f)·d(f) − W)²               (k: 32 columns)
/// t[k]    = max_{c ∈ k} |x_c| / 127,   x8 = round(x / t[k])                                (QuantCore)
/// y[r]    = Σ_k s[r][k] · t[k] · Σ_{c ∈ k} q[r][c] · x8[c]                                   (FP64)
/// ```
/// The grid is the full signed one (−8…7 for 4 bits), with the block's extreme value placed on
/// its longer side, −2^(b−1), as Q4_0 does: a 4-bit block then has sixteen levels where our
/// symmetric group-128 INT4 has fifteen. The scale is searched: f = 1 is Q4_0's and Q8_0's
/// choice (d = m / −8, resp. the extreme at −128), the smaller factors clip the extreme to
/// round the rest more finely, and the block keeps whichever stored scale (FP16, as ggml stores
/// it) gives the smallest squared error of its weights, so no block is worse than at f = 1.
/// Error only: y is evaluated in FP64 from the codes, not timed (no kernel of ours reads this
/// layout).
enum Block32GEMV {
    /// Columns per weight and activation scale.
    static let block = 32

    /// The weight formats and their code widths, in report order.
    static let formats: [(weights: String, bits: Int)] = [("w8a8-b32", 8), ("w4a8-b32", 4)]

    /// The clipping factors f tried per block, f = 1 (no clipping) first. At 8 bits clipping
    /// never lowered a Gaussian block's error (f down to 0.96 tried), so only f = 1.
    static func candidates(bits: Int) -> [Float] {
        bits <= 4 ? [1, 0.95, 0.9, 0.85, 0.8] : [1]
    }

    /// Bits per weight: codes plus one FP16 scale per 32 weights.
    static func bitsPerWeight(bits: Int) -> Double { Double(bits) + 16 / Double(block) }

    /// Codes and stored scales of `w` (`rows × columns`) per block of 32 columns, the scale of
    /// each block searched over `candidates(bits:)`: `rows · ⌈columns/32⌉` scales, row-major.
    static func quantized(_ w: Tensor, bits: Int) -> (codes: [Int8], scales: [Float]) {
        let (rows, columns) = (w.shape[0], w.shape[1])
        let blocks = (columns + block - 1) / block
        let (low, high) = (-Float(1 << (bits - 1)), Float((1 << (bits - 1)) - 1))
        let factors = candidates(bits: bits)
        var codes = [Int8](repeating: 0, count: rows * columns), scales = [Float](repeating: 0, count: rows * blocks)
        w.storage.withUnsafeBufferPointer { v in
            for r in 0..<rows {
                for k in 0..<blocks {
                    let range = (r * columns + k * block)..<(r * columns + min(columns, (k + 1) * block))
                    let extreme = v[range].max { abs($0) < abs($1) } ?? 0
                    guard extreme != 0 else { continue }
                    var (best, bestError) = (Float(0), Float.infinity)
                    for f in factors {
                        let d = FloatFormat.fp16.rounded(-f * extreme / -low)
                        guard d != 0, d.isFinite else { continue }
                        var error: Float = 0
                        for i in range {
                            let e = min(high, max(low, (v[i] / d).rounded(.toNearestOrEven))) * d - v[i]
                            error += e * e
                        }
                        if error < bestError { (best, bestError) = (d, error) }
                    }
                    scales[r * blocks + k] = best
                    if best != 0 {
                        for i in range { codes[i] = Int8(min(high, max(low, (v[i] / best).rounded(.toNearestOrEven)))) }
                    }
                }
            }
        }
        return (codes, scales)
    }

    /// y of `w` and `x` in the block-32 format with `bits`-bit weight codes.
    /// - Throws: `QuantizationError` when x holds NaN or infinity.
    static func product(w: Tensor, x: [Float], bits: Int) throws -> [Double] {
        let (rows, columns) = (w.shape[0], w.shape[1])
        let (q, scales) = quantized(w, bits: bits)
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
                for c in (k * block)..<min(columns, (k + 1) * block) { dot += Int(q[r * columns + c]) * Int(codes[c]) }
                return sum + Double(scales[r * blocks + k]) * Double(t[k]) * Double(dot)
            }
        }
    }
}
