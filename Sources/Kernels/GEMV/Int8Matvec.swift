public import QuantCore
public import Tensor

/// INT8 GEMV: `y = W · x` with W as symmetric INT8 codes with one scale per row, made by QuantCore
/// (`SymmetricIntegerMatrix`, axis `.rows`), x and y in FP32.
///
/// ```
/// y[r] = s_r · Σ_c q[r][c] · x[c]
/// ```
/// Layout (ours): each row in blocks of 64 columns stored as 16 `UInt32` lanes; byte k of lane l
/// holds column 16k + l as the offset-binary code `q + 128`. One 64-byte load gives four
/// `SIMD16` of codes by shift-and-mask, converted by `magicToFloat`. Rows are padded to a
/// multiple of 64 columns with code 0.
///
/// Kept over oneDNN: 2.6's matmul has no FP32-activation × INT8-weight mode, so its INT8 GEMV
/// (`dnnl_gemm_s8s8s32`, n = 1) must quantize x as well, a different and less accurate product.
/// Timed against it in the Kernels benchmark at 4096×4096 (two cores shared with other jobs,
/// medians of 31), this kernel took 0.88, 0.91, 1.36, 0.97 and 2.2 ms in five runs where oneDNN
/// (with the x quantization) took 0.62, 15.7, 15.1, 0.71 and 13.7 ms.
///
/// With `activations: .int8` (W8A8) x is quantized per 128-column block on each call (by
/// QuantCore's `AffineQuantizer.int8PerBlock`) and the dots run in integers through CKernels
/// (`vpsignb`, `vpmaddubsw`, `vpmaddwd`: about 5 vector instructions per 32 codes against about
/// 20 for the FP32 path's unpacking and FMAs), on a second copy of the codes, signed and row-major:
/// `y[r] = s_r · Σ_b t[b] · Σ_{c ∈ b} q[r][c] · x8[c]`. Where the CPU has AVX-512 VNNI the dots
/// run instead as one C row loop per chunk of rows on `vpdpbusd` (`path`, default `defaultPath`;
/// AVX2 and portable paths kept, every path giving the same integer per block). By default the
/// `.int8` product reads the codes in the row-lane layout (`layout: .rowLanes`, `RowLaneCodes`:
/// sixteen rows per 512-bit register, `vpdpbusd` on the offset-binary codes without a sign
/// trick); `.rowMajor` keeps the signed row-major copy for the benchmark's comparison.
public struct Int8Matvec: MatvecKernel {
    public let rows: Int
    public let columns: Int
    /// Worker threads for the row split.
    public let threads: Int
    /// Per-row scales `s_r`.
    public let scales: [Float]
    /// Whether x is used in FP32 or quantized to INT8 per 128-column block.
    public let activations: MatvecActivations
    /// `.int8` only: the instructions of the integer dots (the fastest this CPU runs by default).
    public let path: IntegerGEMVPath
    /// `.int8` only: the weight layout the integer dots read.
    public let layout: Layout
    private let packed: LanePackedCodes
    /// `.rowLanes` only: the codes in that layout, and the row scales in its lane order.
    private let rowLanes: RowLaneCodes?
    private let rowLaneScales: [Float]
    /// `.int8` only: the codes as signed bytes, rows padded with 0 to a multiple of 128 columns.
    private let signedCodes: [Int8]
    private var signedRowLength: Int { roundUp(columns, to: 128) }

    /// The weight layout of the W8A8 product (`activations: .int8`).
    public enum Layout: String, Sendable, CaseIterable {
        /// Signed codes, row-major, rows padded to whole blocks of 128 columns.
        case rowMajor = "row-major"
        /// Sixteen rows per group, one 32-bit lane per row (`RowLaneCodes`).
        case rowLanes = "row-lanes"
    }

    /// The W8A8 layout used when none is named.
    public static let defaultLayout = Layout.rowLanes

    public var label: String {
        activations == .float ? "INT8 per-row GEMV (Swift SIMD)"
            : "INT8 per-row × INT8 x GEMV (\(layout == .rowLanes ? "row-lane, " : "")\(path.name))"
    }
    public var instructionPath: String { activations == .float ? "swift-simd" : path.rawValue }

    /// The W8A8 path used when none is named: the fastest this CPU runs. On the row-lane layout
    /// the 512-bit form needs no sign trick (on the row-major one it needs a masked negation,
    /// having no 512-bit `vpsignb`, and was no faster than 256-bit there).
    public static let defaultPath = IntegerGEMVPath.vnni512.supported
    public var weightBytes: Int { rows * columns + rows * 4 }

    /// Packs per-row INT8 codes and scales made by QuantCore.
    /// - Parameters:
    ///   - weights: `W` as codes with `bits == 8` and `axis == .rows`.
    ///   - activations: `.float` (default, exact) or `.int8` (x quantized per call, W8A8).
    ///   - path: the instructions of the `.int8` dots (default `defaultPath`); every path gives
    ///     the same integer per block.
    ///   - layout: the `.int8` dots' weight layout (default `defaultLayout`).
    /// - Throws: `KernelInputError` for other bits or another scale axis, or a path this CPU lacks.
    public init(weights: SymmetricIntegerMatrix, activations: MatvecActivations = .float, threads: Int = defaultKernelThreads,
                path: IntegerGEMVPath = Int8Matvec.defaultPath, layout: Layout = Int8Matvec.defaultLayout) throws(KernelInputError) {
        guard weights.bits == 8, weights.axis == .rows else {
            throw KernelInputError("INT8 GEMV: weights of \(weights.bits) bits with scales per \(weights.axis); use 8 bits per row")
        }
        guard IntegerGEMVPath.available.contains(path) else {
            throw KernelInputError("INT8 GEMV: path \(path.rawValue) needs instructions this CPU lacks; use one of \(IntegerGEMVPath.available.map(\.rawValue))")
        }
        self.path = path
        self.layout = layout
        (rows, columns) = (weights.rows, weights.columns)
        self.threads = threads
        self.activations = activations
        scales = weights.scales
        let rowLanes = activations == .int8 && layout == .rowLanes
        self.rowLanes = rowLanes ? RowLaneCodes(codes: weights.codes, rows: weights.rows, columns: weights.columns, bits: 8) : nil
        rowLaneScales = rowLanes ? RowLaneCodes.laneOrdered(weights.scales, rows: weights.rows, perRow: 1) : []
        var signed: [Int8] = []
        if activations == .int8 && layout == .rowMajor {
            let length = roundUp(columns, to: 128)
            signed = [Int8](repeating: 0, count: rows * length)
            for r in 0..<rows {
                for c in 0..<columns { signed[r * length + c] = weights.codes[r * columns + c] }
            }
        }
        signedCodes = signed
        var packed = LanePackedCodes(rows: rows, columns: columns, bits: 8, fill: 128)
        for r in 0..<rows {
            for c in 0..<columns { packed[r, c] = UInt32(Int32(weights.codes[r * columns + c]) + 128) }
        }
        self.packed = packed
    }

    /// Quantizes `weights` per row with QuantCore (`SymmetricIntegerMatrix(quantizing: weights,
    /// bits: 8, axis: .rows)`) and packs them.
    /// - Parameter activations: `.float` (default, exact) or `.int8` (x quantized per call, W8A8).
    /// - Throws: `KernelInputError` when `weights` is not 2-D, is empty or holds NaN/infinity.
    public init(weights: Tensor, activations: MatvecActivations = .float, threads: Int = defaultKernelThreads,
                path: IntegerGEMVPath = Int8Matvec.defaultPath, layout: Layout = Int8Matvec.defaultLayout) throws(KernelInputError) {
        _ = try matvecShape(weights, "INT8 GEMV")
        try self.init(weights: quantizedWeights(weights, bits: 8, axis: .rows, "INT8 GEMV"), activations: activations, threads: threads,
                      path: path, layout: layout)
    }

    /// The stored codes unpacked and scaled, `s_r · q[r][c]` (exact), `rows × columns`.
    public func dequantized() -> Tensor {
        var values = [Float](repeating: 0, count: rows * columns)
        for r in 0..<rows {
            for c in 0..<columns {
                values[r * columns + c] = scales[r] * Float(Int(packed[r, c]) - 128)
            }
        }
        return Tensor(shape: [rows, columns], storage: values)
    }

    public func apply(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>) {
        precondition(x.count == columns && y.count == rows, "\(label): x has \(x.count) (want \(columns)), y has \(y.count) (want \(rows))")
        // Non-finite x cannot be quantized; the exact path propagates NaN and infinity.
        if activations == .int8, let rowLanes,
           let xq = BlockQuantizedActivations(x, paddedColumns: rowLanes.blocks * 128, order: .natural, offsets: true) {
            return rowLanes.apply(bits: 8, xq, laneScales: rowLaneScales, groups: 1, blocksPerGroup: rowLanes.blocks,
                                  rows: rows, threads: threads, path: path, into: y)
        }
        if activations == .int8, layout == .rowMajor, let xq = BlockQuantizedActivations(x, paddedColumns: signedRowLength, order: .natural) {
            return applyInt8(xq, into: y)
        }
        let paddedColumns = packed.paddedColumns
        packed.words.withUnsafeBytes { w in
            scales.withUnsafeBufferPointer { s in
                let wr = w.baseAddress!
                packedMatvec(x, into: y, paddedColumns: paddedColumns, threads: threads) { r, xr in
                    let row = wr + r * paddedColumns
                    var a0 = SIMD16<Float>(), a1 = a0, a2 = a0, a3 = a0
                    var c = 0
                    while c < paddedColumns {
                        let v = row.loadUnaligned(fromByteOffset: c, as: SIMD16<UInt32>.self)
                        let o = c * 4
                        a0 = a0.addingProduct(magicToFloat(v & 0xFF, minus: 128), xr.loadUnaligned(fromByteOffset: o, as: SIMD16<Float>.self))
                        a1 = a1.addingProduct(magicToFloat((v &>> 8) & 0xFF, minus: 128), xr.loadUnaligned(fromByteOffset: o + 64, as: SIMD16<Float>.self))
                        a2 = a2.addingProduct(magicToFloat((v &>> 16) & 0xFF, minus: 128), xr.loadUnaligned(fromByteOffset: o + 128, as: SIMD16<Float>.self))
                        a3 = a3.addingProduct(magicToFloat(v &>> 24, minus: 128), xr.loadUnaligned(fromByteOffset: o + 192, as: SIMD16<Float>.self))
                        c += 64
                    }
                    return s[r] * ((a0 + a1) + (a2 + a3)).sum()
                }
            }
        }
    }
}

extension Int8Matvec {
    /// The `.int8` path: per row and block of 128 columns one `ByteDot.s8s8Block` call, then `s_r`
    /// once; on AVX-512 VNNI one C row loop per chunk of rows (`ByteDot.s8s8Rows`).
    private func applyInt8(_ xq: BlockQuantizedActivations, into y: UnsafeMutableBufferPointer<Float>) {
        let length = signedRowLength, blocks = length / 128
        let (avx2, path) = (path == .avx2, path)
        signedCodes.withUnsafeBytes { w in
            xq.codes.withUnsafeBytes { xqp in
                xq.scales.withUnsafeBufferPointer { xs in
                    let wr = w.baseAddress!, xr = xqp.baseAddress!
                    if path >= .vnni256 {
                        scales.withUnsafeBufferPointer { s in
                            forEachChunk(of: rows, threads: threads) { range in
                                ByteDot.s8s8Rows(wr, rowLength: length, x: xr, xScales: xs.baseAddress!, rowScales: s.baseAddress!,
                                                 rows: range, into: y.baseAddress!, wide: path == .vnni512)
                            }
                        }
                        return
                    }
                    forEachChunk(of: rows, threads: threads) { range in
                        for r in range {
                            let row = wr + r * length
                            let dot = ByteDot.accumulated { a in
                                for b in 0..<blocks {
                                    ByteDot.s8s8Block(row + b * 128, xr + b * 128, scale: xs[b], into: a, avx2: avx2)
                                }
                            }
                            y[r] = scales[r] * dot
                        }
                    }
                }
            }
        }
    }
}
