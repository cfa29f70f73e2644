internal import CKernels

/// The instruction path of an integer GEMV (W8A8, W4A8), chosen at run time from the CPU.
///
/// Every path computes the same integer per block of 128 columns; they differ in how many
/// instructions that takes and in the float lanes the per-block terms are summed over.
public enum IntegerGEMVPath: String, Sendable, CaseIterable, Comparable {
    /// Plain C loops, one code at a time (any CPU).
    case portable
    /// AVX2: `vpmaddubsw` (u8 × s8 into pairs of 16 bits), then `vpmaddwd` to 32 bits.
    case avx2
    /// AVX-512 VNNI on 256-bit vectors: `vpdpbusd` (four u8 × s8 products into 32 bits) with
    /// AVX512VL, as llama.cpp's ggml uses it.
    case vnni256 = "avx512vnni-256"
    /// AVX-512 VNNI on 512-bit vectors (Zen 4 splits them over its 256-bit units).
    case vnni512 = "avx512vnni-512"

    /// The paths this CPU can run, slowest first.
    public static let available: [IntegerGEMVPath] =
        [.portable] + (ql_cpu_has_avx2() != 0 ? [.avx2] : []) + (ql_cpu_has_avx512vnni() != 0 ? [.vnni256, .vnni512] : [])

    /// How the path is named in labels and tables.
    public var name: String {
        switch self {
        case .portable: "portable C loop"
        case .avx2: "AVX2 vpmaddubsw"
        case .vnni256: "AVX-512 VNNI vpdpbusd 256-bit"
        case .vnni512: "AVX-512 VNNI vpdpbusd 512-bit"
        }
    }

    public static func < (a: Self, b: Self) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }

    /// `self` if this CPU runs it, else the fastest available path below it.
    var supported: IntegerGEMVPath { Self.available.last { $0 <= self }! }
}

/// The integer block dot products of the W4A8 and W8A8 GEMVs (CKernels' byte dots and integer
/// GEMV row loops): which path runs, the block calls of the kernels' loops, the row loops, and
/// single blocks for tests. This file holds every call into them.
enum ByteDot {
    /// Whether the block dots run on AVX2 (`vpmaddubsw`) or on the portable loops.
    static let hasAVX2 = ql_cpu_has_avx2() != 0

    /// One INT4 × INT8 block of 128 columns: `acc[0..<8] += scale · (Σ_j u_j · x_j − offset)`
    /// (`ql_dot_u4s8_block_*`: 64 bytes of nibble codes `u`, 128 signed activations in the
    /// order the nibbles are met, see `BlockQuantizedActivations.Order.int4Nibbles`).
    ///
    /// Inlined, with a direct call on each side, so that release builds inline the AVX2
    /// function into the caller's loop (a function value would not be).
    @inline(__always)
    static func u4s8Block(
        _ w: UnsafeRawPointer, _ x: UnsafeRawPointer, offset: Int32, scale: Float,
        into acc: UnsafeMutablePointer<Float>, avx2: Bool
    ) {
        if avx2 {
            ql_dot_u4s8_block_avx2(w, x, offset, scale, acc)
        } else {
            ql_dot_u4s8_block_portable(w, x, offset, scale, acc)
        }
    }

    /// One INT8 × INT8 block of 128 columns: `acc[0..<8] += scale · Σ_j w_j · x_j`
    /// (`ql_dot_s8s8_block_*`: codes in [−127, 127] on both sides). Inlined as `u4s8Block`.
    @inline(__always)
    static func s8s8Block(
        _ w: UnsafeRawPointer, _ x: UnsafeRawPointer, scale: Float, into acc: UnsafeMutablePointer<Float>, avx2: Bool
    ) {
        if avx2 {
            ql_dot_s8s8_block_avx2(w, x, scale, acc)
        } else {
            ql_dot_s8s8_block_portable(w, x, scale, acc)
        }
    }

    /// One INT4 × INT8 block with scale 1 and a zeroed accumulator: `Σ u·x − offset`, exact in
    /// `Float` below 2²⁴ (tests hold both paths to a plain integer loop with it).
    /// - Precondition: `w.count == 64`, `x.count == 128`.
    static func u4s8(_ w: [UInt8], _ x: [Int8], offset: Int32, avx2: Bool) -> Float {
        u4s8(w, x, offset: offset, path: avx2 ? .avx2 : .portable)
    }

    /// `u4s8(_:_:offset:avx2:)` on `path` (`.vnni256` and `.vnni512` both run the 256-bit block).
    static func u4s8(_ w: [UInt8], _ x: [Int8], offset: Int32, path: IntegerGEMVPath) -> Float {
        precondition(w.count == 64 && x.count == 128, "ByteDot.u4s8: 64 code bytes and 128 activations")
        return w.withUnsafeBytes { wp in
            x.withUnsafeBytes { xp in
                accumulated { a in
                    if path >= .vnni256 {
                        ql_dot_u4s8_block_vnni256(wp.baseAddress!, xp.baseAddress!, offset, 1, a)
                    } else {
                        u4s8Block(wp.baseAddress!, xp.baseAddress!, offset: offset, scale: 1, into: a, avx2: path == .avx2)
                    }
                }
            }
        }
    }

    /// One INT8 × INT8 block with scale 1 and a zeroed accumulator: `Σ w·x`, exact in `Float`.
    /// - Precondition: `w.count == 128`, `x.count == 128`.
    static func s8s8(_ w: [Int8], _ x: [Int8], avx2: Bool) -> Float {
        s8s8(w, x, path: avx2 ? .avx2 : .portable)
    }

    /// `s8s8(_:_:avx2:)` on `path` (`.vnni256` and `.vnni512` both run the 256-bit block).
    static func s8s8(_ w: [Int8], _ x: [Int8], path: IntegerGEMVPath) -> Float {
        precondition(w.count == 128 && x.count == 128, "ByteDot.s8s8: 128 codes and 128 activations")
        return w.withUnsafeBytes { wp in
            x.withUnsafeBytes { xp in
                accumulated { a in
                    if path >= .vnni256 {
                        ql_dot_s8s8_block_vnni256(wp.baseAddress!, xp.baseAddress!, 1, a)
                    } else {
                        s8s8Block(wp.baseAddress!, xp.baseAddress!, scale: 1, into: a, avx2: path == .avx2)
                    }
                }
            }
        }
    }

    // MARK: Row loops (one C call per chunk of rows)

    /// W8A8 rows `range` on AVX-512 VNNI (`ql_gemv_s8s8_vnni*`). `w`: signed codes, rows of
    /// `rowLength` bytes; `x`, `xScales`: the activations' codes in column order and block scales.
    static func s8s8Rows(
        _ w: UnsafeRawPointer, rowLength: Int, x: UnsafeRawPointer, xScales: UnsafePointer<Float>,
        rowScales: UnsafePointer<Float>, rows range: Range<Int>, into y: UnsafeMutablePointer<Float>, wide: Bool
    ) {
        let (wb, xb) = (w.assumingMemoryBound(to: Int8.self), x.assumingMemoryBound(to: Int8.self))
        if wide {
            ql_gemv_s8s8_vnni512(wb, Int64(rowLength), xb, xScales, rowScales, Int64(range.lowerBound), Int64(range.upperBound), y)
        } else {
            ql_gemv_s8s8_vnni256(wb, Int64(rowLength), xb, xScales, rowScales, Int64(range.lowerBound), Int64(range.upperBound), y)
        }
    }

    /// The block structure of a W4A8 product: the activations' codes, block scales and offsets
    /// (`8 · Σ x8` per block), and the weights' group scales.
    struct U4S8Operands {
        let x: UnsafePointer<Int8>, xScales: UnsafePointer<Float>, offsets: UnsafePointer<Int32>
        let blocks: Int, weightScales: UnsafePointer<Float>, groups: Int, blocksPerGroup: Int
    }

    /// W4A8 rows `range` of the lane-packed layout on 256-bit AVX-512 VNNI (`ql_gemv_u4s8_vnni256`).
    static func u4s8Rows(
        _ w: UnsafeRawPointer, rowBytes: Int, _ o: U4S8Operands, rows range: Range<Int>, into y: UnsafeMutablePointer<Float>
    ) {
        ql_gemv_u4s8_vnni256(
            w.assumingMemoryBound(to: UInt8.self), Int64(rowBytes), o.x, o.xScales, o.offsets, Int64(o.blocks),
            o.weightScales, Int64(o.groups), Int64(o.blocksPerGroup), Int64(range.lowerBound), Int64(range.upperBound), y)
    }

    /// Rows per group of the row-interleaved INT4 layout.
    static let interleave = Int(QL_INTERLEAVE)

    /// W4A8 row groups `range` of the row-interleaved layout (`ql_gemv_u4s8_x4_*`) on `path`.
    static func u4s8InterleavedRows(
        _ w: UnsafeRawPointer, _ o: U4S8Operands, groups range: Range<Int>, rows: Int, into y: UnsafeMutablePointer<Float>,
        path: IntegerGEMVPath
    ) {
        let f = switch path {
        case .portable: ql_gemv_u4s8_x4_portable
        case .avx2: ql_gemv_u4s8_x4_avx2
        case .vnni256: ql_gemv_u4s8_x4_vnni256
        case .vnni512: ql_gemv_u4s8_x4_vnni512
        }
        f(w.assumingMemoryBound(to: UInt8.self), o.x, o.xScales, o.offsets, Int64(o.blocks), o.weightScales, Int64(o.groups),
          Int64(o.blocksPerGroup), Int64(range.lowerBound), Int64(range.upperBound), Int64(rows), y)
    }

    /// Rows per group of the row-lane layouts.
    static let rowLanes = Int(QL_ROW_LANES)

    /// W4A8 row groups `range` of the row-lane layout (`ql_gemv_u4s8_rl_*`) on `path`;
    /// `o.weightScales` in lane order (`RowLaneCodes.laneOrdered`).
    static func u4s8RowLanes(
        _ w: UnsafeRawPointer, _ o: U4S8Operands, groups range: Range<Int>, rows: Int, into y: UnsafeMutablePointer<Float>,
        path: IntegerGEMVPath
    ) {
        let f = switch path {
        case .portable: ql_gemv_u4s8_rl_portable
        case .avx2: ql_gemv_u4s8_rl_avx2
        case .vnni256: ql_gemv_u4s8_rl_vnni256
        case .vnni512: ql_gemv_u4s8_rl_vnni512
        }
        f(w.assumingMemoryBound(to: UInt8.self), o.x, o.xScales, o.offsets, Int64(o.blocks), o.weightScales, Int64(o.groups),
          Int64(o.blocksPerGroup), Int64(range.lowerBound), Int64(range.upperBound), Int64(rows), y)
    }

    /// W8A8 row groups `range` of the row-lane layout (`ql_gemv_s8s8_rl_*`) on `path`; `o`'s
    /// weight scales are the row scales in lane order, its groups and blocks per group unused.
    static func s8s8RowLanes(
        _ w: UnsafeRawPointer, _ o: U4S8Operands, groups range: Range<Int>, rows: Int, into y: UnsafeMutablePointer<Float>,
        path: IntegerGEMVPath
    ) {
        let f = switch path {
        case .portable: ql_gemv_s8s8_rl_portable
        case .avx2: ql_gemv_s8s8_rl_avx2
        case .vnni256: ql_gemv_s8s8_rl_vnni256
        case .vnni512: ql_gemv_s8s8_rl_vnni512
        }
        f(w.assumingMemoryBound(to: UInt8.self), o.x, o.xScales, o.offsets, Int64(o.blocks), o.weightScales,
          Int64(range.lowerBound), Int64(range.upperBound), Int64(rows), y)
    }

    /// The lane sum of an 8-lane accumulator that `body` adds into (the block dots' `acc`).
    /// Inlined, so that the accumulator lives in a register across a row's blocks.
    @inline(__always)
    static func accumulated(_ body: (UnsafeMutablePointer<Float>) -> Void) -> Float {
        var acc = SIMD8<Float>()
        withUnsafeMutableBytes(of: &acc) { body($0.baseAddress!.assumingMemoryBound(to: Float.self)) }
        return acc.sum()
    }
}
