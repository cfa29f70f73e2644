internal import CKernels

/// The integer block dot products of the W4A8 and W8A8 GEMVs (CKernels' byte dots): which path
/// runs, the block calls of the kernels' loops, and single blocks for tests. This file holds
/// every call into them.
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
        precondition(w.count == 64 && x.count == 128, "ByteDot.u4s8: 64 code bytes and 128 activations")
        return w.withUnsafeBytes { wp in
            x.withUnsafeBytes { xp in
                accumulated { u4s8Block(wp.baseAddress!, xp.baseAddress!, offset: offset, scale: 1, into: $0, avx2: avx2) }
            }
        }
    }

    /// One INT8 × INT8 block with scale 1 and a zeroed accumulator: `Σ w·x`, exact in `Float`.
    /// - Precondition: `w.count == 128`, `x.count == 128`.
    static func s8s8(_ w: [Int8], _ x: [Int8], avx2: Bool) -> Float {
        precondition(w.count == 128 && x.count == 128, "ByteDot.s8s8: 128 codes and 128 activations")
        return w.withUnsafeBytes { wp in
            x.withUnsafeBytes { xp in
                accumulated { s8s8Block(wp.baseAddress!, xp.baseAddress!, scale: 1, into: $0, avx2: avx2) }
            }
        }
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
