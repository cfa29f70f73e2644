internal import CByteDot

/// The integer block dot products of the W4A8 and W8A8 GEMVs (`CByteDot`): which path runs, and
/// single blocks for tests.
enum ByteDot {
    /// Whether the block dots run on AVX2 (`vpmaddubsw`) or on the portable loops.
    static let hasAVX2 = ql_cpu_has_avx2() != 0

    /// One INT4 × INT8 block with scale 1 and a zeroed accumulator: `Σ u·x − offset`, exact in
    /// `Float` below 2²⁴ (tests hold both paths to a plain integer loop with it).
    /// - Precondition: `w.count == 64`, `x.count == 128`.
    static func u4s8(_ w: [UInt8], _ x: [Int8], offset: Int32, avx2: Bool) -> Float {
        precondition(w.count == 64 && x.count == 128, "ByteDot.u4s8: 64 code bytes and 128 activations")
        return accumulated { acc in
            if avx2 { ql_dot_u4s8_block_avx2(w, x, offset, 1, acc) } else { ql_dot_u4s8_block_portable(w, x, offset, 1, acc) }
        }
    }

    /// One INT8 × INT8 block with scale 1 and a zeroed accumulator: `Σ w·x`, exact in `Float`.
    /// - Precondition: `w.count == 128`, `x.count == 128`.
    static func s8s8(_ w: [Int8], _ x: [Int8], avx2: Bool) -> Float {
        precondition(w.count == 128 && x.count == 128, "ByteDot.s8s8: 128 codes and 128 activations")
        return accumulated { acc in
            if avx2 { ql_dot_s8s8_block_avx2(w, x, 1, acc) } else { ql_dot_s8s8_block_portable(w, x, 1, acc) }
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
