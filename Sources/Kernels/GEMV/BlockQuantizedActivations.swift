import QuantCore

/// x quantized for the integer paths of the GEMVs (`MatvecActivations.int8`): INT8 codes per
/// 128-column block with each block's scale, in the order the kernel meets the weights.
struct BlockQuantizedActivations {
    /// Where a column's code goes within its block.
    enum Order {
        /// Column order (`Int8Matvec`'s row-major signed codes).
        case natural
        /// At `64h + 32n + j` (half h, nibble n, byte j) the code of column
        /// `32·(j mod 4) + 16n + 8h + ⌊j/4⌋`: the column whose weight code is nibble n of byte
        /// `32h + j` of the block in `LanePackedCodes` (lane `8h + ⌊j/4⌋`, field `2·(j mod 4) + n`).
        case int4Nibbles
    }

    /// `paddedColumns` codes, each block in `Order`.
    let codes: [Int8]
    /// `t[b] = max_{c ∈ b} |x_c| / 127`.
    let scales: [Float]
    /// `8 · Σ_{c ∈ b} x8_c`: INT4 weights are stored as `u = q + 8`, so `Σ q·x8 = Σ u·x8 − offset`.
    let offsets: [Int32]

    /// Quantizes `x` (zero-padded to `paddedColumns`, a multiple of 128) into `order`.
    /// - Returns: nil when x holds NaN or infinity (no finite scale exists).
    init?(_ x: UnsafeBufferPointer<Float>, paddedColumns: Int, order: Order) {
        let blocks = paddedColumns / 128
        let padded = paddedVector(x, length: paddedColumns)
        var codes = [Int8](repeating: 0, count: paddedColumns)
        var scales = [Float](repeating: 0, count: blocks)
        var offsets = [Int32](repeating: 0, count: blocks)
        let magic = SIMD8<Float>(repeating: 0x1.8p23), magicBits = SIMD8<Int32>(repeating: 0x4B40_0000)
        let finite = padded.withUnsafeBufferPointer { xp in
            codes.withUnsafeMutableBufferPointer { out in
                for b in 0..<blocks {
                    let m = Reductions.absMax(UnsafeBufferPointer(rebasing: xp[(b * 128)..<(b * 128 + 128)]))
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
                                // Columns 32k + 16n + 8h + t, t < 8, go to bytes 64h + 32n + 4t + k
                                // (int4Nibbles) or stay in place (natural).
                                let column = 32 * k + 16 * n + 8 * h
                                let v = base.loadUnaligned(fromByteOffset: column * 4, as: SIMD8<Float>.self)
                                let q = unsafeBitCast(v * inverse + magic, to: SIMD8<Int32>.self) &- magicBits
                                sum &+= q
                                switch order {
                                case .natural:
                                    for t in 0..<8 { out[b * 128 + column + t] = Int8(truncatingIfNeeded: q[t]) }
                                case .int4Nibbles:
                                    let o = b * 128 + 64 * h + 32 * n + k
                                    for t in 0..<8 { out[o + 4 * t] = Int8(truncatingIfNeeded: q[t]) }
                                }
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
