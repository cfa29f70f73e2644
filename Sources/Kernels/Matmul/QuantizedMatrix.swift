public import Tensor

/// A matrix of symmetric integer codes with scales: the operand format of the integer kernels.
///
/// ```
/// s = max|x| / qmax   over the scale's slice (tensor, row or column),  qmax = 2^(bits−1) − 1
/// q = clamp(round(x · (1/s)), −qmax, qmax),   x̂ = s · q
/// ```
/// Rounding is to nearest, ties to even; a slice of zeros gets `s = 0` and codes 0. Codes are
/// symmetric (no −128 / −8), as in LLM.int8() and GPTQ-style INT4 with codes in [−7, 7], so the
/// reconstruction error is at most `s/2` per element (plus one FP32 rounding of `x · (1/s)`).
/// INT4 codes are stored one per byte here: the GEMM runs them on the INT8 kernel.
public struct QuantizedMatrix: Sendable, Equatable {
    /// Which elements share a scale.
    public enum ScaleAxis: String, Sendable, CaseIterable {
        /// One scale for the whole matrix.
        case tensor
        /// One scale per row (per output channel of A's rows).
        case rows
        /// One scale per column (per output column of B).
        case columns
    }

    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// Code width: 8 (codes in [−127, 127]) or 4 (codes in [−7, 7]).
    public let bits: Int
    /// Which elements share a scale.
    public let axis: ScaleAxis
    /// Row-major codes, `rows · columns` of them.
    public let codes: [Int8]
    /// Scales: 1, `rows` or `columns` of them, each finite and ≥ 0.
    public let scales: [Float]

    /// The largest code magnitude for `bits`: 127 or 7.
    public static func maxCode(bits: Int) -> Int { (1 << (bits - 1)) - 1 }

    /// Wraps codes and scales made elsewhere (e.g. by QuantCore), checking their consistency.
    /// - Throws: `KernelInputError` for a wrong count, a code outside ±qmax, a negative or
    ///   non-finite scale, or bits other than 4 and 8.
    public init(rows: Int, columns: Int, bits: Int, axis: ScaleAxis, codes: [Int8], scales: [Float]) throws(KernelInputError) {
        guard bits == 8 || bits == 4 else { throw KernelInputError("quantized matrix: bits \(bits) unsupported; use 8 or 4") }
        guard rows >= 1, columns >= 1, codes.count == rows * columns else {
            throw KernelInputError("quantized matrix \(rows)×\(columns): needs \(rows * columns) codes, got \(codes.count)")
        }
        let expected = axis == .tensor ? 1 : axis == .rows ? rows : columns
        guard scales.count == expected else {
            throw KernelInputError("quantized matrix \(rows)×\(columns): axis \(axis) needs \(expected) scales, got \(scales.count)")
        }
        if let bad = scales.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
            throw KernelInputError("quantized matrix: scale \(bad) is \(scales[bad]); scales must be finite and ≥ 0")
        }
        let q = Int8(Self.maxCode(bits: bits))
        if let bad = codes.firstIndex(where: { $0 < -q || $0 > q }) {
            throw KernelInputError("quantized matrix: code \(codes[bad]) at \(bad) is outside [−\(q), \(q)] for \(bits) bits")
        }
        (self.rows, self.columns, self.bits, self.axis, self.codes, self.scales) = (rows, columns, bits, axis, codes, scales)
    }

    /// Quantizes a 2-D tensor symmetrically (see the type's formula).
    /// - Throws: `KernelInputError` for a tensor that is not 2-D or empty, bits other than 4 and 8,
    ///   or a NaN/infinite element.
    public init(quantizing x: Tensor, bits: Int, axis: ScaleAxis) throws(KernelInputError) {
        guard bits == 8 || bits == 4 else { throw KernelInputError("quantize: bits \(bits) unsupported; use 8 or 4") }
        guard x.shape.count == 2, x.shape[0] >= 1, x.shape[1] >= 1 else {
            throw KernelInputError("quantize: tensor of shape \(x.shape) must be 2-D and non-empty")
        }
        let (rows, columns) = (x.shape[0], x.shape[1])
        let qmax = Float(Self.maxCode(bits: bits))
        var scales: [Float] = []
        var codes = [Int8](repeating: 0, count: rows * columns)
        try x.storage.withUnsafeBufferPointer { (p) throws(KernelInputError) in
            let ranges: [Float]
            switch axis {
            case .tensor: ranges = [maxAbs(p)]
            case .rows: ranges = (0..<rows).map { maxAbs(UnsafeBufferPointer(rebasing: p[($0 * columns)..<(($0 + 1) * columns)])) }
            case .columns: ranges = columnMaxAbs(p, rows: rows, columns: columns)
            }
            if let bad = ranges.firstIndex(where: { !$0.isFinite }) {
                throw KernelInputError("quantize: \(axis == .tensor ? "tensor" : "\(axis) slice \(bad)") of shape \(x.shape) holds NaN or infinity")
            }
            scales = ranges.map { $0 / qmax }
            let inverses = scales.map { $0 > 0 ? 1 / $0 : 0 }
            codes.withUnsafeMutableBufferPointer { out in
                for r in 0..<rows {
                    let row = UnsafeBufferPointer(rebasing: p[(r * columns)..<((r + 1) * columns)])
                    let dst = UnsafeMutableBufferPointer(rebasing: out[(r * columns)..<((r + 1) * columns)])
                    switch axis {
                    case .tensor: roundCodes(row, into: dst, inverse: { _ in SIMD16(repeating: inverses[0]) }, qmax: qmax)
                    case .rows: roundCodes(row, into: dst, inverse: { _ in SIMD16(repeating: inverses[r]) }, qmax: qmax)
                    case .columns:
                        inverses.withUnsafeBufferPointer { inv in
                            roundCodes(row, into: dst, inverse: { j in loadPadded(inv, at: j) }, qmax: qmax)
                        }
                    }
                }
            }
        }
        (self.rows, self.columns, self.bits, self.axis, self.codes, self.scales) = (rows, columns, bits, axis, codes, scales)
    }

    /// The scale of element `(row, column)`.
    @inline(__always)
    public func scale(row: Int, column: Int) -> Float {
        switch axis {
        case .tensor: scales[0]
        case .rows: scales[row]
        case .columns: scales[column]
        }
    }

    /// The reconstruction `x̂ = s · q` as an FP32 tensor (exact: a ≤ 8-bit code times a float).
    public func dequantized() -> Tensor {
        var values = [Float](repeating: 0, count: rows * columns)
        for r in 0..<rows {
            for c in 0..<columns { values[r * columns + c] = scale(row: r, column: c) * Float(codes[r * columns + c]) }
        }
        return Tensor(shape: [rows, columns], storage: values)
    }
}

/// Per-column max |x| of a row-major matrix, reading it row by row (contiguous, SIMD over columns).
private func columnMaxAbs(_ p: UnsafeBufferPointer<Float>, rows: Int, columns: Int) -> [Float] {
    var best = [Float](repeating: 0, count: columns)
    var nan = [Bool](repeating: false, count: columns)
    let full = columns / 16 * 16
    let raw = UnsafeRawPointer(p.baseAddress!)
    best.withUnsafeMutableBufferPointer { b in
        let bestRaw = UnsafeMutableRawPointer(b.baseAddress!)
        for r in 0..<rows {
            var j = 0
            while j < full {
                let v = raw.loadUnaligned(fromByteOffset: (r * columns + j) * 4, as: SIMD16<Float>.self)
                let old = bestRaw.loadUnaligned(fromByteOffset: j * 4, as: SIMD16<Float>.self)
                bestRaw.storeBytes(of: pointwiseMax(old, pointwiseMax(v, -v)), toByteOffset: j * 4, as: SIMD16<Float>.self)
                if any(v .!= v) { for l in 0..<16 where v[l].isNaN { nan[j + l] = true } }
                j += 16
            }
            for c in full..<columns {
                let v = p[r * columns + c]
                if v.isNaN { nan[c] = true }
                b[c] = max(b[c], abs(v))
            }
        }
    }
    return zip(best, nan).map { $1 ? .nan : $0 }
}

/// Sixteen values from `p` starting at `j`, zeros past the end.
@inline(__always)
private func loadPadded(_ p: UnsafeBufferPointer<Float>, at j: Int) -> SIMD16<Float> {
    if j + 16 <= p.count { return UnsafeRawPointer(p.baseAddress!).loadUnaligned(fromByteOffset: j * 4, as: SIMD16<Float>.self) }
    var v = SIMD16<Float>(repeating: 0)
    for l in 0..<(p.count - j) { v[l] = p[j + l] }
    return v
}

/// `clamp(round(x · inverse), −qmax, qmax)` sixteen lanes at a time.
@inline(__always)
private func roundCodes(
    _ x: UnsafeBufferPointer<Float>, into out: UnsafeMutableBufferPointer<Int8>,
    inverse: (Int) -> SIMD16<Float>, qmax: Float
) {
    var j = 0
    while j < x.count {
        let v = loadPadded(x, at: j)
        let q = (v * inverse(j)).rounded(.toNearestOrEven).clamped(lowerBound: SIMD16(repeating: -qmax), upperBound: SIMD16(repeating: qmax))
        let codes = SIMD16<Int8>(truncatingIfNeeded: SIMD16<Int32>(q, rounding: .towardZero))
        let n = min(16, x.count - j)
        for l in 0..<n { out[j + l] = codes[l] }
        j += 16
    }
}
