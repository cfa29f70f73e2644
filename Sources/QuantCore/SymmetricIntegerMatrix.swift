public import Tensor

/// A matrix of symmetric integer codes with scales: the operand format of the integer kernels
/// (oneDNN's INT8 GEMM, the INT8 and INT4 GEMVs), which pack it but never quantize.
///
/// ```
/// x̂[r][c] = s(r, c) · q[r][c],   q ∈ [−qmax, qmax],   qmax = 2^(bits−1) − 1
/// ```
/// with one scale per tensor, row, column or run of columns within a row (`ScaleAxis`). Codes
/// are symmetric (no −128 / −8), as in LLM.int8() and GPTQ-style INT4 with codes in [−7, 7], and
/// stored one per byte, INT4 included: each kernel packs them in its own layout.
/// `init(quantizing:bits:axis:)` quantizes with `AffineQuantizer`; `init(rows:columns:…)` wraps
/// codes made elsewhere and checks them.
public struct SymmetricIntegerMatrix: Sendable, Equatable {
    /// Which elements share a scale.
    public enum ScaleAxis: Sendable, Hashable {
        /// One scale for the whole matrix.
        case tensor
        /// One scale per row (per output channel of A's rows).
        case rows
        /// One scale per column (per output column of B).
        case columns
        /// One scale per run of `size` consecutive columns of a row: ⌈columns / size⌉ per row,
        /// the last run of a row shorter when `size` does not divide the columns (the groups of
        /// GPTQ and AWQ INT4 weights).
        case rowGroups(size: Int)
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
    /// Scales, each finite and ≥ 0, as many as `scaleCount(rows:columns:axis:)` gives
    /// (`.rowGroups`: row-major, `rows × ⌈columns / size⌉`).
    public let scales: [Float]

    /// The largest code magnitude for `bits`: 127 or 7.
    public static func maxCode(bits: Int) -> Int { (1 << (bits - 1)) - 1 }

    /// The number of scales of a `rows × columns` matrix under `axis`: 1, `rows`, `columns` or
    /// `rows · ⌈columns / size⌉`.
    /// - Precondition: `size ≥ 1` for `.rowGroups`.
    public static func scaleCount(rows: Int, columns: Int, axis: ScaleAxis) -> Int {
        switch axis {
        case .tensor: return 1
        case .rows: return rows
        case .columns: return columns
        case .rowGroups(let size):
            precondition(size >= 1, "SymmetricIntegerMatrix: group size \(size) must be ≥ 1")
            return rows * ((columns + size - 1) / size)
        }
    }

    /// Wraps codes and scales made elsewhere, checking their consistency.
    /// - Throws: `QuantizationError.invalidMatrix` for a wrong count, a code outside ±qmax, a
    ///   negative or non-finite scale, a group size below 1, or bits other than 4 and 8.
    public init(rows: Int, columns: Int, bits: Int, axis: ScaleAxis, codes: [Int8], scales: [Float]) throws(QuantizationError) {
        try Self.check(rows: rows, columns: columns, bits: bits, axis: axis)
        guard codes.count == rows * columns else {
            throw .invalidMatrix("quantized matrix \(rows)×\(columns): needs \(rows * columns) codes, got \(codes.count)")
        }
        let expected = Self.scaleCount(rows: rows, columns: columns, axis: axis)
        guard scales.count == expected else {
            throw .invalidMatrix("quantized matrix \(rows)×\(columns): axis \(axis) needs \(expected) scales, got \(scales.count)")
        }
        if let bad = scales.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
            throw .invalidMatrix("quantized matrix: scale \(bad) is \(scales[bad]); scales must be finite and ≥ 0")
        }
        let q = Int8(Self.maxCode(bits: bits))
        if let bad = codes.firstIndex(where: { $0 < -q || $0 > q }) {
            throw .invalidMatrix("quantized matrix: code \(codes[bad]) at \(bad) is outside [−\(q), \(q)] for \(bits) bits")
        }
        (self.rows, self.columns, self.bits, self.axis, self.codes, self.scales) = (rows, columns, bits, axis, codes, scales)
    }

    /// Checks what every matrix needs before codes exist: bits 4 or 8, both extents ≥ 1, a
    /// group size ≥ 1.
    static func check(rows: Int, columns: Int, bits: Int, axis: ScaleAxis) throws(QuantizationError) {
        guard bits == 8 || bits == 4 else { throw .invalidMatrix("quantized matrix: bits \(bits) unsupported; use 8 or 4") }
        guard rows >= 1, columns >= 1 else { throw .invalidMatrix("quantized matrix \(rows)×\(columns): both extents must be ≥ 1") }
        if case .rowGroups(let size) = axis, size < 1 {
            throw .invalidMatrix("quantized matrix: group size \(size) must be ≥ 1")
        }
    }

    /// The scale of element `(row, column)`.
    @inline(__always)
    public func scale(row: Int, column: Int) -> Float {
        switch axis {
        case .tensor: scales[0]
        case .rows: scales[row]
        case .columns: scales[column]
        case .rowGroups(let size): scales[row * ((columns + size - 1) / size) + column / size]
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
