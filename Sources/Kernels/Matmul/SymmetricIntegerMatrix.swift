public import Tensor
import QuantCore

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
public struct SymmetricIntegerMatrix: Sendable, Equatable {
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
            case .tensor: ranges = [Reductions.absMax(p)]
            case .rows: ranges = (0..<rows).map { Reductions.absMax(UnsafeBufferPointer(rebasing: p[($0 * columns)..<(($0 + 1) * columns)])) }
            case .columns: ranges = Reductions.columnAbsMax(p, rows: rows, columns: columns)
            }
            if let bad = ranges.firstIndex(where: { !$0.isFinite }) {
                throw KernelInputError("quantize: \(axis == .tensor ? "tensor" : "\(axis) slice \(bad)") of shape \(x.shape) holds NaN or infinity")
            }
            scales = ranges.map { $0 / qmax }
            let inverses = scales.map { $0 > 0 ? 1 / $0 : 0 }
            // One inverse per column for every axis (refilled per row for `.rows`), so a single
            // SIMD loop serves all three granularities.
            var rowInverse = axis == .columns ? inverses : [Float](repeating: inverses[0], count: columns)
            codes.withUnsafeMutableBufferPointer { out in
                for r in 0..<rows {
                    if axis == .rows { for c in 0..<columns { rowInverse[c] = inverses[r] } }
                    rowInverse.withUnsafeBufferPointer { inv in
                        roundCodes(
                            UnsafeBufferPointer(rebasing: p[(r * columns)..<((r + 1) * columns)]),
                            into: UnsafeMutableBufferPointer(rebasing: out[(r * columns)..<((r + 1) * columns)]),
                            inverses: inv, qmax: qmax)
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

/// `clamp(round(x · inverse), −qmax, qmax)` sixteen lanes at a time.
///
/// Rounding adds and reads back 1.5·2²³: for |v| ≤ 2²² the FP32 sum lands on an integer by the
/// current (ties-to-even) rounding mode and its low mantissa bits are that integer. The generic
/// `SIMD.rounded(_:)` and `SIMD16<Int32>(_:rounding:)` went lane by lane; with them INT8 end to
/// end at n = 4096 took 2.4 s against 0.33 s for the product itself. The clamp uses
/// `replacing(with:where:)`: `clamped` on `SIMD16<Float>` runs lane by lane (NaN rules) and took
/// 236 ms for 2²⁴ floats against 5.4 ms (one thread, measured here).
@inline(__always)
func roundCodes(
    _ x: UnsafeBufferPointer<Float>, into out: UnsafeMutableBufferPointer<Int8>,
    inverses: UnsafeBufferPointer<Float>, qmax: Float
) {
    let magic = SIMD16<Float>(repeating: 0x1.8p23)
    let magicBits = SIMD16<Int32>(repeating: Int32(bitPattern: (0x1.8p23 as Float).bitPattern))
    let low = SIMD16<Float>(repeating: -qmax), high = SIMD16<Float>(repeating: qmax)
    @inline(__always) func codes(_ v: SIMD16<Float>, _ inv: SIMD16<Float>) -> SIMD16<Int8> {
        var scaled = v * inv
        scaled = scaled.replacing(with: low, where: scaled .< low)
        let shifted = scaled.replacing(with: high, where: scaled .> high) + magic
        return SIMD16<Int8>(truncatingIfNeeded: unsafeBitCast(shifted, to: SIMD16<Int32>.self) &- magicBits)
    }
    let xs = UnsafeRawPointer(x.baseAddress!), invs = UnsafeRawPointer(inverses.baseAddress!)
    let dst = UnsafeMutableRawPointer(out.baseAddress!)
    var j = 0
    while j + 16 <= x.count {
        let v = xs.loadUnaligned(fromByteOffset: j * 4, as: SIMD16<Float>.self)
        let inv = invs.loadUnaligned(fromByteOffset: j * 4, as: SIMD16<Float>.self)
        dst.storeBytes(of: codes(v, inv), toByteOffset: j, as: SIMD16<Int8>.self)
        j += 16
    }
    if j < x.count {
        var v = SIMD16<Float>(repeating: 0), inv = v
        for l in 0..<(x.count - j) { (v[l], inv[l]) = (x[j + l], inverses[j + l]) }
        let q = codes(v, inv)
        for l in 0..<(x.count - j) { out[j + l] = q[l] }
    }
}
