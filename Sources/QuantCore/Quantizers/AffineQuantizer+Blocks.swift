extension AffineQuantizer {
    /// Symmetric INT8 codes with one scale per block of `blockSize` consecutive values: the
    /// dynamic activation quantization of the integer GEMVs (W8A8, W4A8), as llama.cpp's Q8_0.
    ///
    /// ```
    /// m_b = max_{i ∈ b} |x_i|,   t_b = m_b / 127,   q_i = roundHalfEven(x_i · fl(127 / m_b))
    /// ```
    /// Rounding is to nearest, ties to even (the round pass of `int8PerTensor`). No clamp is
    /// needed: |x_i| ≤ m_b and a correctly rounded product is monotonic, so
    /// |x_i · fl(127 / m_b)| ≤ 127 · (1 + 2⁻²⁴) rounds into ±127. Error bound:
    /// |x_i − t_b · q_i| ≤ t_b / 2, plus the FP32 roundings of the reciprocal and the product.
    ///
    /// The reciprocal is `fl(127 / m_b)`, the exact ratio rounded once, where `parameters(for:)`
    /// (and so `int8PerTensor` and `SymmetricIntegerMatrix`) forms `fl(1 / fl(m_b / 127))`. The
    /// two differ in the last bit for about a quarter of all m_b, and then a value lying within
    /// that bit of a rounding tie gets the neighbouring code (8 codes in 12.8 million, in blocks
    /// of 128 uniform-times-uniform values, measured here). This form is kept because the matmul
    /// section's W8A8 and W4A8 GEMV records were computed with it.
    ///
    /// A block of zeros gets t_b = 0 and codes 0. A block whose m_b / 127 lies below the smallest
    /// normal float gets t_b = 2⁻¹²⁶ and the reciprocal 2¹²⁶ (as `parameters(for:)` floors its
    /// scale), so that no reciprocal overflows; its codes are then near 0.
    /// - Parameters:
    ///   - values: x; the last block may be shorter than `blockSize`.
    ///   - blockSize: values per scale.
    ///   - codes: receives q, one per value.
    ///   - scales: receives t_b, one per block: ⌈`values.count` / `blockSize`⌉.
    /// - Throws: `QuantizationError.nonFinite` at the first NaN or ±∞ (its index in `values`):
    ///   such a block has no finite scale. Codes and scales are then incomplete.
    /// - Precondition: `blockSize ≥ 1`; `codes` and `scales` of the sizes above.
    /// - Complexity: O(n), one absmax pass and one round pass per block (a block of 128 floats
    ///   stays in L1 between the two).
    public static func int8PerBlock(
        _ values: UnsafeBufferPointer<Float>, blockSize: Int,
        codes: UnsafeMutableBufferPointer<Int8>, scales: UnsafeMutableBufferPointer<Float>
    ) throws(QuantizationError) {
        precondition(blockSize >= 1, "int8PerBlock: block size \(blockSize) must be ≥ 1")
        let blocks = (values.count + blockSize - 1) / blockSize
        precondition(codes.count == values.count && scales.count == blocks,
                     "int8PerBlock: \(codes.count) codes and \(scales.count) scales for \(values.count) values in blocks of \(blockSize)")
        for b in 0..<blocks {
            let range = (b * blockSize)..<min(values.count, (b + 1) * blockSize)
            let block = UnsafeBufferPointer(rebasing: values[range])
            let m = Reductions.absMax(block)
            guard m.isFinite else {
                let bad = Reductions.firstNonFinite(Array(block))!
                throw .nonFinite(index: range.lowerBound + bad.index, value: bad.value)
            }
            let t = m / 127
            let (scale, inverse): (Float, Float) = t >= .leastNormalMagnitude ? (t, 127 / m) : m > 0 ? (.leastNormalMagnitude, 0x1p126) : (0, 0)
            scales[b] = scale
            let inverses = SIMD16<Float>(repeating: inverse)
            roundUnclamped(
                block, into: UnsafeMutableBufferPointer(rebasing: codes[range]), streaming: false,
                inverse: { _ in inverses }, scalarInverse: { _ in inverse })
        }
    }
}
