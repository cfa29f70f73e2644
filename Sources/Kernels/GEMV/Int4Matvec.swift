public import QuantCore
public import Tensor

/// Packed INT4 GEMV: `y = W · x` with W as symmetric 4-bit codes in [−7, 7] with one scale per
/// group of `groupSize` consecutive columns of a row (as in GPTQ and AWQ weight-only INT4), made
/// by QuantCore (`SymmetricIntegerMatrix`, axis `.rowGroups`) and packed two per byte; x and y
/// in FP32.
///
/// ```
/// s[r][g] = max_{c ∈ g} |W[r][c]| / 7,   q = round(W / s) ∈ [−7, 7]   (QuantCore's quantizer)
/// y[r]    = Σ_g s[r][g] · Σ_{c ∈ g} q[r][c] · x[c]
/// ```
/// Layout (ours): each row in blocks of 128 columns stored as 16 `UInt32` lanes; nibble k of
/// lane l holds column 16k + l as the offset-binary code `q + 8`. One 64-byte load gives eight
/// `SIMD16` of codes by shift-and-mask in registers, each converted by `magicToFloat`; the sum of
/// a group is scaled once, at the group's end. `groupSize` must be a positive multiple of 128
/// (whole blocks per group); a last group shorter than `groupSize` (columns not divisible) is
/// handled: its scale covers only its own columns and the row is padded with code 0.
///
/// With `activations: .int8` x is first quantized per 128-column block (dynamic symmetric INT8
/// activations by QuantCore's `AffineQuantizer.int8PerBlock`, as llama.cpp's Q4_0 × Q8_0 dot):
/// `t[b] = max_{c ∈ b} |x_c| / 127`, `x8 = round(x / t[b])`, and `y[r] = Σ_b s[r][g(b)] · t[b] · Σ_{c ∈ b} q[r][c] · x8[c]` with the
/// inner sum exact in integers (`vpmaddubsw` through CKernels; see
/// `Int4Matvec+Int8Activations.swift`). Relative to the exact `.float` path this adds at most
/// `t[b]/2` per activation, i.e. ≤ 2⁻⁸ of the block's largest |x|. Why offer it: the `.float`
/// path spends about 64 vector instructions per 128 codes turning nibbles into floats and is
/// bound by them (≈ 0.6–0.7 ms at 4096×4096 on two cores, 2.5–3.4× FP32), while the integer
/// dot needs about 20 and is bound by memory (≈ 0.32–0.37 ms, 5.5–7× FP32, measured in
/// `quantlab-bench` in the same runs).
///
/// The `.int8` product reads, by default, a second copy of the codes in the row-lane layout
/// (`layout: .rowLanes`, `RowLaneCodes`, made at init: sixteen rows per 512-bit register) and
/// runs on the fastest `IntegerGEMVPath` this CPU has (AVX-512 VNNI 512-bit, else 256-bit, else
/// AVX2, else portable); `.interleaved` (four rows per block, one row per register) and
/// `.lanePacked` (the `.float` path's codes with x permuted into nibble order) are kept for the
/// benchmark's comparison. Every layout and path gives the same integer per 128-column block.
public struct Int4Matvec: MatvecKernel {
    public let rows: Int
    public let columns: Int
    /// Columns sharing one scale.
    public let groupSize: Int
    /// Worker threads for the row split.
    public let threads: Int
    /// Scales, `rows × groups` row-major.
    public let scales: [Float]
    /// Whether x is used in FP32 or quantized to INT8 per 128-column block.
    public let activations: MatvecActivations
    let groups: Int
    let packed: LanePackedCodes

    /// `.int8` only: the weight layout the integer dots read.
    public let layout: Layout
    /// `.int8` only: the instructions of the integer dots (the fastest this CPU runs by default).
    public let path: IntegerGEMVPath
    /// `.interleaved` only: the codes in that layout.
    let interleaved: InterleavedInt4Codes?
    /// `.rowLanes` only: the codes in that layout, and the group scales in its lane order.
    let rowLanes: RowLaneCodes?
    let rowLaneScales: [Float]

    /// The weight layout of the W4A8 product (`activations: .int8`).
    public enum Layout: String, Sendable, CaseIterable {
        /// `LanePackedCodes`, the `.float` path's layout, with x permuted into nibble order.
        case lanePacked = "lane-packed"
        /// Four rows interleaved per block of 128 columns, x in column order
        /// (`InterleavedInt4Codes`); a second copy of the codes, made at init.
        case interleaved
        /// Sixteen rows per group, one 32-bit lane per row (`RowLaneCodes`), x in column order;
        /// a second copy of the codes, made at init.
        case rowLanes = "row-lanes"
    }

    /// The W4A8 layout used when none is named: row lanes, about twice as fast as the
    /// interleaved layout in cache (see RowLaneGEMV.c).
    public static let defaultLayout = Layout.rowLanes

    /// The W4A8 path used when none is named: the fastest this CPU runs. On the row-lane layout
    /// a 512-bit `vpdpbusd` advances sixteen rows, twice the 256-bit form.
    public static let defaultPath = IntegerGEMVPath.vnni512.supported

    public var label: String {
        activations == .float ? "INT4 per-group(\(groupSize)) GEMV (Swift SIMD)"
            : "INT4 per-group(\(groupSize)) × INT8 x GEMV (\(layout.labelPrefix)\(path.name))"
    }
    public var instructionPath: String { activations == .float ? "swift-simd" : path.rawValue }
    public var weightBytes: Int { rows * ((columns + 1) / 2) + scales.count * 4 }

    /// Packs INT4 codes and scales made by QuantCore.
    /// - Parameters:
    ///   - weights: `W` as codes with `bits == 4` and `axis == .rowGroups(size:)`, the size a
    ///     positive multiple of 128 (whole kernel blocks per group); it becomes `groupSize`.
    ///   - activations: `.float` (default, exact) or `.int8` (x quantized per call, W4A8).
    /// - Throws: `KernelInputError` for other bits, another scale axis or a group size that is
    ///   not a multiple of 128.
    ///   - layout: the `.int8` product's weight layout (default `defaultLayout`; `.lanePacked`
    ///     runs on AVX2 and 256-bit VNNI only, so a 512-bit path falls back to 256-bit there).
    ///   - path: the `.int8` dots' instructions (default `defaultPath`); every path and layout
    ///     gives the same integer per block.
    public init(weights: SymmetricIntegerMatrix, activations: MatvecActivations = .float,
                threads: Int = defaultKernelThreads, layout: Layout = Int4Matvec.defaultLayout,
                path: IntegerGEMVPath = Int4Matvec.defaultPath) throws(KernelInputError) {
        guard weights.bits == 4, case .rowGroups(let groupSize) = weights.axis else {
            throw KernelInputError("INT4 GEMV: weights of \(weights.bits) bits with scales per \(weights.axis); use 4 bits per row group")
        }
        try Self.checkGroupSize(groupSize)
        guard IntegerGEMVPath.available.contains(path) else {
            throw KernelInputError("INT4 GEMV: path \(path.rawValue) needs instructions this CPU lacks; use one of \(IntegerGEMVPath.available.map(\.rawValue))")
        }
        self.layout = layout
        self.path = layout == .lanePacked ? min(path, .vnni256) : path
        interleaved = activations == .int8 && layout == .interleaved
            ? InterleavedInt4Codes(codes: weights.codes, rows: weights.rows, columns: weights.columns) : nil
        let rowLanes = activations == .int8 && layout == .rowLanes
        self.rowLanes = rowLanes ? RowLaneCodes(codes: weights.codes, rows: weights.rows, columns: weights.columns, bits: 4) : nil
        rowLaneScales = rowLanes
            ? RowLaneCodes.laneOrdered(weights.scales, rows: weights.rows, perRow: (weights.columns + groupSize - 1) / groupSize) : []
        self.activations = activations
        (rows, columns) = (weights.rows, weights.columns)
        self.groupSize = groupSize
        self.threads = threads
        groups = (columns + groupSize - 1) / groupSize
        scales = weights.scales
        var packed = LanePackedCodes(rows: rows, columns: columns, bits: 4, fill: 8)
        for r in 0..<rows {
            for c in 0..<columns { packed[r, c] = UInt32(Int32(weights.codes[r * columns + c]) + 8) }
        }
        self.packed = packed
    }

    /// Quantizes `weights` per group with QuantCore (`SymmetricIntegerMatrix(quantizing: weights,
    /// bits: 4, axis: .rowGroups(size: groupSize))`) and packs them.
    /// - Parameters:
    ///   - activations: `.float` (default, exact) or `.int8` (x quantized per call, W4A8).
    ///   - layout, path: as for `init(weights:activations:threads:layout:path:)`.
    /// - Throws: `KernelInputError` when `weights` is not 2-D, is empty or holds NaN/infinity, or
    ///   `groupSize` is not a positive multiple of 128.
    public init(weights: Tensor, groupSize: Int = 128, activations: MatvecActivations = .float,
                threads: Int = defaultKernelThreads, layout: Layout = Int4Matvec.defaultLayout,
                path: IntegerGEMVPath = Int4Matvec.defaultPath) throws(KernelInputError) {
        _ = try matvecShape(weights, "INT4 GEMV")
        try Self.checkGroupSize(groupSize)
        try self.init(
            weights: quantizedWeights(weights, bits: 4, axis: .rowGroups(size: groupSize), "INT4 GEMV"),
            activations: activations, threads: threads, layout: layout, path: path)
    }

    private static func checkGroupSize(_ groupSize: Int) throws(KernelInputError) {
        guard groupSize >= 128, groupSize % 128 == 0 else {
            throw KernelInputError("INT4 GEMV: group size \(groupSize) unsupported; use a positive multiple of 128 (the kernel's block)")
        }
    }

    /// The stored codes unpacked and scaled, `s[r][g] · q[r][c]` (exact), `rows × columns`.
    public func dequantized() -> Tensor {
        var values = [Float](repeating: 0, count: rows * columns)
        for r in 0..<rows {
            for c in 0..<columns {
                values[r * columns + c] = scales[r * groups + c / groupSize] * Float(Int(packed[r, c]) - 8)
            }
        }
        return Tensor(shape: [rows, columns], storage: values)
    }

    public func apply(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>) {
        precondition(x.count == columns && y.count == rows, "\(label): x has \(x.count) (want \(columns)), y has \(y.count) (want \(rows))")
        // Non-finite x cannot be quantized; the exact path propagates NaN and infinity.
        if activations == .int8, let rowLanes,
           let xq = BlockQuantizedActivations(x, paddedColumns: rowLanes.blocks * 128, order: .natural, offsets: true) {
            return rowLanes.apply(bits: 4, xq, laneScales: rowLaneScales, groups: groups, blocksPerGroup: groupSize / 128,
                                  rows: rows, threads: threads, path: path, into: y)
        }
        if activations == .int8, let interleaved,
           let xq = BlockQuantizedActivations(x, paddedColumns: interleaved.blocks * 128, order: .natural, offsets: true) {
            return applyInterleaved(interleaved, xq, into: y)
        }
        if activations == .int8, layout == .lanePacked,
           let xq = BlockQuantizedActivations(x, paddedColumns: packed.paddedColumns, order: .int4Nibbles) { return applyInt8(xq, into: y) }
        let (paddedColumns, rowBytes, groups, groupSize) = (packed.paddedColumns, packed.rowBytes, groups, groupSize)
        // X_g = Σ_{c∈g} x_c, shared by every row (accumulated in FP64, rounded once).
        let groupSums: [Float] = (0..<groups).map { g in
            Float((g * groupSize..<min(columns, (g + 1) * groupSize)).reduce(0.0) { $0 + Double(x[$1]) })
        }
        packed.words.withUnsafeBytes { w in
            scales.withUnsafeBufferPointer { s in
                let wr = w.baseAddress!
                packedMatvec(x, into: y, paddedColumns: paddedColumns, threads: threads) { r, xr in
                    let row = wr + r * rowBytes
                    var total = SIMD16<Float>()
                    var offset: Float = 0
                    for g in 0..<groups {
                        var a0 = SIMD16<Float>(), a1 = a0
                        var c = g * groupSize
                        let end = min(paddedColumns, c + groupSize)
                        while c < end {
                            let v = row.loadUnaligned(fromByteOffset: c / 2, as: SIMD16<UInt32>.self)
                            let o = c * 4
                            a0 = a0.addingProduct(nibble(v &<< 19), xr.loadUnaligned(fromByteOffset: o, as: SIMD16<Float>.self))
                            a1 = a1.addingProduct(nibble(v &<< 15), xr.loadUnaligned(fromByteOffset: o + 64, as: SIMD16<Float>.self))
                            a0 = a0.addingProduct(nibble(v &<< 11), xr.loadUnaligned(fromByteOffset: o + 128, as: SIMD16<Float>.self))
                            a1 = a1.addingProduct(nibble(v &<< 7), xr.loadUnaligned(fromByteOffset: o + 192, as: SIMD16<Float>.self))
                            a0 = a0.addingProduct(nibble(v &<< 3), xr.loadUnaligned(fromByteOffset: o + 256, as: SIMD16<Float>.self))
                            a1 = a1.addingProduct(nibble(v &>> 1), xr.loadUnaligned(fromByteOffset: o + 320, as: SIMD16<Float>.self))
                            a0 = a0.addingProduct(nibble(v &>> 5), xr.loadUnaligned(fromByteOffset: o + 384, as: SIMD16<Float>.self))
                            a1 = a1.addingProduct(nibble(v &>> 9), xr.loadUnaligned(fromByteOffset: o + 448, as: SIMD16<Float>.self))
                            c += 128
                        }
                        let scale = s[r * groups + g]
                        total = total.addingProduct(a0 + a1, SIMD16(repeating: 16 * scale))
                        offset += scale * groupSums[g]
                    }
                    return total.sum() - 24 * offset
                }
            }
        }
    }
}

extension Int4Matvec.Layout {
    /// What the label says of the layout before the path's name.
    var labelPrefix: String {
        switch self {
        case .lanePacked: ""
        case .interleaved: "row-interleaved, "
        case .rowLanes: "row-lane, "
        }
    }
}

/// `1 + u/16` for the nibble `u` that a shift has placed in bits 19…22 of each lane.
///
/// The kernel accumulates `Σ (1 + u/16)·x = X + Σ u·x / 16` per group and recovers
/// `Σ (u − 8)·x = 16·acc − 24·X` at the group's end, so that a nibble costs a shift, an AND and
/// an OR ahead of its FMA (the `magicToFloat` form needs a subtraction more: 0.81 ms against
/// 0.67 ms for the row dots of 2²⁴ codes on one thread, measured here). The recovery cancels a sum of terms up to
/// 2·|x| against results of order 4·|x|: about 14× the rounding error of a direct FP32 sum,
/// still below 10⁻⁵ relative at C = 4096 and far below the INT4 quantization error (≈ 7 %).
@inline(__always)
private func nibble(_ shifted: SIMD16<UInt32>) -> SIMD16<Float> {
    unsafeBitCast((shifted & 0x0078_0000) | 0x3F80_0000, to: SIMD16<Float>.self)
}
