internal import CByteDot

/// x quantized for the W4A8 path of `Int4Matvec`: INT8 codes per 128-column block, in the order
/// the kernel meets the weight nibbles, with each block's scale and offset correction.
struct BlockQuantizedActivations {
    /// `paddedColumns` codes; block b holds, at `64h + 32n + j` (half h, nibble n, byte j), the
    /// code of column `b·128 + 32·(j mod 4) + 16n + 8h + ⌊j/4⌋`: the column whose weight code is
    /// nibble n of byte `32h + j` of the block in `LanePackedCodes` (lane `8h + ⌊j/4⌋`, field
    /// `2·(j mod 4) + n`).
    let codes: [Int8]
    /// `t[b] = max_{c ∈ b} |x_c| / 127`.
    let scales: [Float]
    /// `8 · Σ_{c ∈ b} x8_c`: the weights are stored as `u = q + 8`, so `Σ q·x8 = Σ u·x8 − offset`.
    let offsets: [Int32]

    /// Quantizes `x` (zero-padded to `paddedColumns`, a multiple of 128).
    /// - Returns: nil when x holds NaN or infinity (no finite scale exists).
    init?(_ x: UnsafeBufferPointer<Float>, paddedColumns: Int) {
        let blocks = paddedColumns / 128
        let padded = paddedVector(x, length: paddedColumns)
        var codes = [Int8](repeating: 0, count: paddedColumns)
        var scales = [Float](repeating: 0, count: blocks)
        var offsets = [Int32](repeating: 0, count: blocks)
        let magic = SIMD8<Float>(repeating: 0x1.8p23), magicBits = SIMD8<Int32>(repeating: 0x4B40_0000)
        let finite = padded.withUnsafeBufferPointer { xp in
            codes.withUnsafeMutableBufferPointer { out in
                for b in 0..<blocks {
                    let m = maxAbs(UnsafeBufferPointer(rebasing: xp[(b * 128)..<(b * 128 + 128)]))
                    guard m.isFinite else { return false }
                    scales[b] = m / 127
                    // |x · (127/m)| ≤ 127·(1 + 2⁻²²) rounds into ±127: no clamp. Rounding by the
                    // magic constant (see `AffineQuantizer.codes`), half to even.
                    let inverse = SIMD8<Float>(repeating: m > 0 ? 127 / m : 0)
                    let base = UnsafeRawPointer(xp.baseAddress! + b * 128)
                    var sum = SIMD8<Int32>()
                    for h in 0..<2 {
                        for n in 0..<2 {
                            for k in 0..<4 {
                                // Columns 32k + 16n + 8h + t, t < 8, go to bytes 64h + 32n + 4t + k.
                                let v = base.loadUnaligned(fromByteOffset: (32 * k + 16 * n + 8 * h) * 4, as: SIMD8<Float>.self)
                                let q = unsafeBitCast(v * inverse + magic, to: SIMD8<Int32>.self) &- magicBits
                                sum &+= q
                                let o = b * 128 + 64 * h + 32 * n + k
                                for t in 0..<8 { out[o + 4 * t] = Int8(truncatingIfNeeded: q[t]) }
                            }
                        }
                    }
                    offsets[b] = 8 &* sum.wrappedSum()
                }
                return true
            }
        }
        guard finite else { return nil }
        (self.codes, self.scales, self.offsets) = (codes, scales, offsets)
    }
}

extension Int4Matvec {
    /// Whether the W4A8 block dots run on AVX2 (`vpmaddubsw`) or on the portable loop.
    static let hasAVX2 = ql_cpu_has_avx2() != 0

    /// The `.int8` path: `y[r] = Σ_b s[r][g(b)] · t[b] · (Σ_{c∈b} u·x8 − 8·Σ_{c∈b} x8)`.
    ///
    /// Per block of 128 columns the integer dot is one `CByteDot` call: 2 loads of weights, 6
    /// nibble operations, 4 `vpmaddubsw` (32 products each), 3 adds, 1 `vpmaddwd`, then one
    /// conversion and FMA into eight float lanes: about 20 vector instructions per 128 codes,
    /// against ≈ 42 for the 16-bit `vpmullw` form this replaced and ≈ 64 for the exact FP32 path.
    func applyInt8(_ xq: BlockQuantizedActivations, into y: UnsafeMutableBufferPointer<Float>) {
        let (rowBytes, groups, groupSize) = (packed.rowBytes, groups, groupSize)
        let blocks = xq.scales.count, blocksPerGroup = groupSize / 128
        let avx2 = Self.hasAVX2
        packed.words.withUnsafeBytes { w in
            scales.withUnsafeBufferPointer { s in
                xq.codes.withUnsafeBytes { xqp in
                    xq.scales.withUnsafeBufferPointer { xs in
                        xq.offsets.withUnsafeBufferPointer { offsets in
                            let wr = w.baseAddress!, xr = xqp.baseAddress!
                            forEachChunk(of: rows, threads: threads) { range in
                                for r in range {
                                    let row = wr + r * rowBytes
                                    var acc = SIMD8<Float>()
                                    withUnsafeMutableBytes(of: &acc) { accBytes in
                                        let a = accBytes.baseAddress!.assumingMemoryBound(to: Float.self)
                                        var b = 0
                                        // Blocks walked per group: an index division per block
                                        // cost an `idiv` in the loop.
                                        for g in 0..<groups {
                                            let weightScale = s[r * groups + g]
                                            let end = min(blocks, b + blocksPerGroup)
                                            while b < end {
                                                // A direct call on each side, so that release builds
                                                // inline the AVX2 one (a function value would not be).
                                                if avx2 {
                                                    ql_dot_u4s8_block_avx2(row + b * 64, xr + b * 128, offsets[b], weightScale * xs[b], a)
                                                } else {
                                                    ql_dot_u4s8_block_portable(row + b * 64, xr + b * 128, offsets[b], weightScale * xs[b], a)
                                                }
                                                b += 1
                                            }
                                        }
                                    }
                                    y[r] = acc.sum()
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

extension Int4Matvec {
    /// One block through `CByteDot` with scale 1 and a zeroed accumulator: `Σ u·x − offset`,
    /// exact in `Float` below 2²⁴ (tests hold both paths to a plain integer loop with it).
    /// - Precondition: `w.count == 64`, `x.count == 128`.
    static func blockDot(_ w: [UInt8], _ x: [Int8], offset: Int32, avx2: Bool) -> Float {
        precondition(w.count == 64 && x.count == 128, "blockDot: 64 code bytes and 128 activations")
        var acc = SIMD8<Float>()
        withUnsafeMutableBytes(of: &acc) { a in
            let lanes = a.baseAddress!.assumingMemoryBound(to: Float.self)
            if avx2 {
                ql_dot_u4s8_block_avx2(w, x, offset, 1, lanes)
            } else {
                ql_dot_u4s8_block_portable(w, x, offset, 1, lanes)
            }
        }
        return acc.sum()
    }
}
