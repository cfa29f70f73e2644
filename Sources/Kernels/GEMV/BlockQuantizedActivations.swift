import QuantCore

/// x for the integer paths of the GEMVs (`MatvecActivations.int8`): laid out in the order the
/// kernel meets the weights, then quantized by QuantCore to INT8 codes per 128-column block with
/// each block's scale (`AffineQuantizer.int8PerBlock`).
///
/// The layout only moves columns within their block, so each block's scale and each column's
/// code are those of x in column order; only where the code is stored differs.
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
    /// `.int4Nibbles` or when asked (empty otherwise): `8 · Σ_{c ∈ b} x8_c` per block. INT4 weights are
    /// stored as `u = q + 8`, so `Σ q·x8 = Σ u·x8 − offset`.
    let offsets: [Int32]

    /// Lays out `x` (zero-padded to `paddedColumns`, a multiple of 128) in `order` and quantizes it.
    /// - Parameter offsets: whether to compute `offsets` (always for `.int4Nibbles`; the
    ///   row-interleaved INT4 layout needs them in `.natural` order).
    /// - Returns: nil when x holds NaN or infinity (no finite scale exists).
    init?(_ x: UnsafeBufferPointer<Float>, paddedColumns: Int, order: Order, offsets: Bool = false) {
        let laidOut = order == .natural ? paddedVector(x, length: paddedColumns) : nibbleOrdered(x, length: paddedColumns)
        var codes = [Int8](repeating: 0, count: paddedColumns)
        var scales = [Float](repeating: 0, count: paddedColumns / 128)
        do {
            try laidOut.withUnsafeBufferPointer { values in
                try codes.withUnsafeMutableBufferPointer { c in
                    try scales.withUnsafeMutableBufferPointer { s in
                        try AffineQuantizer.int8PerBlock(values, blockSize: 128, codes: c, scales: s)
                    }
                }
            }
        } catch {
            return nil
        }
        self.offsets = order == .int4Nibbles || offsets ? blockOffsets(codes) : []
        (self.codes, self.scales) = (codes, scales)
    }
}

/// `x` zero-padded to `length` (a multiple of 128) with the columns of each block at their
/// `Order.int4Nibbles` positions: column `32k + 16n + 8h + t` (t < 8) at `64h + 32n + 4t + k`.
private func nibbleOrdered(_ x: UnsafeBufferPointer<Float>, length: Int) -> [Float] {
    [Float](unsafeUninitializedCapacity: length) { dst, initialized in
        let whole = x.count / 128 * 128
        for block in stride(from: 0, to: length, by: 128) {
            for h in 0..<2 {
                for n in 0..<2 {
                    for k in 0..<4 {
                        let from = block + 32 * k + 16 * n + 8 * h, to = block + 64 * h + 32 * n + k
                        if block < whole {
                            for t in 0..<8 { dst[to + 4 * t] = x[from + t] }
                        } else {
                            // The last, partial block: zeros past the end of x.
                            for t in 0..<8 { dst[to + 4 * t] = from + t < x.count ? x[from + t] : 0 }
                        }
                    }
                }
            }
        }
        initialized = length
    }
}

/// `8 · Σ` of each block of 128 codes (wrapping arithmetic, so the loop vectorizes; the sums
/// are at most 8 · 128 · 127 in magnitude).
private func blockOffsets(_ codes: [Int8]) -> [Int32] {
    codes.withUnsafeBufferPointer { c in
        (0..<(c.count / 128)).map { b in
            var sum: Int32 = 0
            for i in (b * 128)..<(b * 128 + 128) { sum &+= Int32(c[i]) }
            return 8 &* sum
        }
    }
}
