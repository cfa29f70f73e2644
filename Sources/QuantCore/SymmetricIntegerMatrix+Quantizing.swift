public import Tensor

extension SymmetricIntegerMatrix {
    /// Quantizes a 2-D tensor with `AffineQuantizer(bits: bits, symmetric: true)`, calibrated by
    /// absmax over each scale's slice (the tensor, a row, a column or a run of a row):
    ///
    /// ```
    /// s = max(max|x| / qmax, 2⁻¹²⁶)   over the slice,   qmax = 2^(bits−1) − 1
    /// q = roundHalfEven(x · fl(1/s)),   x̂ = s · q
    /// ```
    /// The parameters are `AffineQuantizer.parameters(for:)`'s and the codes those of its
    /// `quantize(_:_:)` (for `.tensor` and 8 bits, those of `AffineQuantizer.int8PerTensor`).
    /// Rounding is to nearest, ties to even. No code needs a clamp: |x| ≤ max|x| and a correctly
    /// rounded product is monotonic, so |x · fl(1/s)| ≤ qmax · (1 + 2⁻²²) rounds into ±qmax.
    /// The reconstruction error is at most `s/2` per element (plus one FP32 rounding of
    /// `x · fl(1/s)`). The floor at the smallest normal float keeps `1/s` finite (see
    /// `parameters(for:)`): a slice whose max|x| lies below `qmax · 2⁻¹²⁶` quantizes to codes
    /// near 0. A slice of zeros stores scale 0 and codes 0: exact under any scale, so 0 is kept
    /// where `parameters(for:)` gives 1 only to have a finite reciprocal.
    /// - Throws: `QuantizationError.invalidMatrix` for a tensor that is not 2-D or is empty,
    ///   bits other than 4 and 8, or a group size below 1; `QuantizationError.nonFinite` at the
    ///   first NaN or ±∞ (row-major index), which has no finite scale.
    /// - Complexity: O(rows · columns): an absmax pass and a round pass per slice (for
    ///   `.columns`, one absmax pass over the whole matrix, row by row, then the round pass).
    public init(quantizing x: Tensor, bits: Int, axis: ScaleAxis) throws(QuantizationError) {
        guard x.shape.count == 2 else { throw .invalidMatrix("quantize: tensor of shape \(x.shape) must be 2-D") }
        let (rows, columns) = (x.shape[0], x.shape[1])
        try Self.check(rows: rows, columns: columns, bits: bits, axis: axis)
        let quantizer = AffineQuantizer(bits: bits, symmetric: true)
        var codes = [Int8](repeating: 0, count: rows * columns)
        var scales = [Float](repeating: 0, count: Self.scaleCount(rows: rows, columns: columns, axis: axis))
        let finite = x.storage.withUnsafeBufferPointer { src in
            codes.withUnsafeMutableBufferPointer { out in
                scales.withUnsafeMutableBufferPointer { s in
                    switch axis {
                    case .tensor:
                        return Self.quantizeSlices(src, into: out, scales: s, quantizer) { _ in 0..<(rows * columns) }
                    case .rows:
                        return Self.quantizeSlices(src, into: out, scales: s, quantizer) { r in (r * columns)..<((r + 1) * columns) }
                    case .rowGroups(let size):
                        let groups = (columns + size - 1) / size
                        return Self.quantizeSlices(src, into: out, scales: s, quantizer) { k in
                            let (r, g) = k.quotientAndRemainder(dividingBy: groups)
                            return (r * columns + g * size)..<(r * columns + min(columns, (g + 1) * size))
                        }
                    case .columns:
                        return Self.quantizeColumns(src, into: out, scales: s, quantizer, rows: rows, columns: columns)
                    }
                }
            }
        }
        guard finite else {
            let bad = Reductions.firstNonFinite(x.storage)!
            throw .nonFinite(index: bad.index, value: bad.value)
        }
        // Valid by construction: no second pass over the codes.
        (self.rows, self.columns, self.bits, self.axis, self.codes, self.scales) = (rows, columns, bits, axis, codes, scales)
    }

    /// The stored scale of a slice whose absmax is `m` (see the formulas above).
    private static func storedScale(_ m: Float, _ p: AffineParameters) -> Float { m > 0 ? p.scale : 0 }

    /// Quantizes `scales.count` contiguous slices, slice k at `slice(k)`, each with its own
    /// scale. Returns false at the first slice holding NaN or ±∞.
    private static func quantizeSlices(
        _ src: UnsafeBufferPointer<Float>, into out: UnsafeMutableBufferPointer<Int8>,
        scales: UnsafeMutableBufferPointer<Float>, _ quantizer: AffineQuantizer, slice: (Int) -> Range<Int>
    ) -> Bool {
        for k in 0..<scales.count {
            let range = slice(k)
            let values = UnsafeBufferPointer(rebasing: src[range])
            let m = Reductions.absMax(values)
            guard m.isFinite else { return false }
            let p = quantizer.parameters(for: ClippingRange(symmetric: m))
            scales[k] = storedScale(m, p)
            let inverse = p.inverseScale, inverses = SIMD16<Float>(repeating: inverse)
            assert(m * inverse < Float(quantizer.maxCode) + 0.5, "absmax calibration needs no clamp")
            AffineQuantizer.roundUnclamped(
                values, into: UnsafeMutableBufferPointer(rebasing: out[range]), streaming: false,
                inverse: { _ in inverses }, scalarInverse: { _ in inverse })
        }
        return true
    }

    /// Quantizes with one scale per column: the column maxima in one pass over the rows, then
    /// each row rounded with the sixteen reciprocals of its columns per chunk. Returns false when
    /// a column holds NaN or ±∞.
    private static func quantizeColumns(
        _ src: UnsafeBufferPointer<Float>, into out: UnsafeMutableBufferPointer<Int8>,
        scales: UnsafeMutableBufferPointer<Float>, _ quantizer: AffineQuantizer, rows: Int, columns: Int
    ) -> Bool {
        let maxima = Reductions.columnAbsMax(src, rows: rows, columns: columns)
        guard maxima.allSatisfy(\.isFinite) else { return false }
        let parameters = maxima.map { quantizer.parameters(for: ClippingRange(symmetric: $0)) }
        for c in 0..<columns { scales[c] = storedScale(maxima[c], parameters[c]) }
        let inverses = parameters.map(\.inverseScale)
        inverses.withUnsafeBufferPointer { inv in
            let raw = UnsafeRawPointer(inv.baseAddress!)
            for r in 0..<rows {
                let range = (r * columns)..<((r + 1) * columns)
                AffineQuantizer.roundUnclamped(
                    UnsafeBufferPointer(rebasing: src[range]), into: UnsafeMutableBufferPointer(rebasing: out[range]), streaming: false,
                    inverse: { raw.loadUnaligned(fromByteOffset: $0 * 4, as: SIMD16<Float>.self) }, scalarInverse: { inv[$0] })
            }
        }
        return true
    }
}
