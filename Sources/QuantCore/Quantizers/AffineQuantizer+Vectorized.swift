import Tensor

/// Vectorized affine quantization, with the same results as the scalar `quantize(_:_:)`.
///
/// Shaped for throughput (measured in `quantlab-bench`, 64M floats, two cores, Haswell target):
/// - 16 lanes per step over `withUnsafeBufferPointer`: a scalar loop with a checked `Int8(_:)`
///   conversion does not vectorize and runs at ~3 GB/s;
/// - rounding by the magic constant M = 1.5 · 2²³: for |r| < 2²², `(r + M)` rounds r to an
///   integer with the FPU's own round-half-even and leaves it in the low mantissa bits, so the
///   code is `bits(r + M) − bits(M)`: one add and one integer subtract, no float→int conversion
///   instruction (`SIMD16<Int32>(v, rounding:)` calls `rintf` lane by lane instead);
/// - narrowing to `Int8` with `truncatingIfNeeded` after clamping, so no overflow check, lane
///   by lane so that LLVM emits packs instead of a call;
/// - clamping by compare and select (`replacing(with:where:)`): the standard library's SIMD
///   `clamped(lowerBound:upperBound:)` checks its bounds and runs lane by lane (measured: the
///   whole pass at 0.13 GB/s with it and `pointwiseMax`);
/// - operands as whole vectors: an operator with a scalar operand (`q .< 127`) also ran lane by
///   lane (0.13 GB/s against 16 GB/s in a stand-alone test).
/// With all of these the INT8 pair of passes ran at 6.1 GB/s against a 13.5 GB/s plain read
/// (45 %) on a loaded machine; the absmax pass alone ran at the read rate (16 GB/s).
/// `int8PerTensor` goes further: its round pass drops the clamps when the scale makes them
/// redundant and, for outputs beyond the caches, writes with streaming stores, which skip the
/// write-allocate read of every output line. Measured (64M floats, two threads, interleaved
/// rounds on the same machine, ratio to a one-thread read): 54 % with ordinary stores, 60 %
/// with streaming ones. The two passes still read the array twice: memory is the bound.
extension AffineQuantizer {
    /// The codes of every value with one set of parameters.
    public func quantize(_ values: [Float], _ p: AffineParameters) -> [Int32] {
        var out = [Int32](repeating: 0, count: values.count)
        values.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                let k = ChunkConstants(self, p)
                forEachChunk(src, dst, k) { i, v in
                    UnsafeMutableRawPointer(dst.baseAddress! + i).storeBytes(of: codes(v, k), as: SIMD16<Int32>.self)
                }
            }
        }
        return out
    }

    /// Symmetric INT8 per-tensor quantization in two passes (absmax, then round):
    /// ```
    /// scale = max|x| / 127,  q = clamp(roundHalfEven(x · (1/scale)), −127, 127)
    /// ```
    /// - Returns: the codes and the scale (1 for an all-zero input).
    /// - Precondition: every value finite (NaN and ±∞ have no finite scale; callers check first,
    ///   as `QuantizationScheme.quantize` does).
    public static func int8PerTensor(_ values: [Float]) -> (codes: [Int8], scale: Float) {
        var codes = [Int8](repeating: 0, count: values.count)
        let scale = values.withUnsafeBufferPointer { src in
            codes.withUnsafeMutableBufferPointer { int8PerTensor(src, into: $0) }
        }
        return (codes, scale)
    }

    /// `int8PerTensor(_:)` into a caller's buffer (no allocation: a reused buffer avoids the
    /// first-touch page faults of a fresh 64 MB array, which would dominate the time).
    ///
    /// With `threads > 1` both passes split the array into that many contiguous slices run
    /// concurrently (the absmax of the slices is then reduced): the codes are identical, since
    /// every element sees the same scale. Why threads at all: the two passes read the array
    /// twice, so one thread cannot exceed half the rate of a plain read; one core also cannot
    /// saturate the memory bus by itself.
    /// - Returns: the scale.
    /// - Precondition: `codes.count == values.count`; every value finite; `threads ≥ 1`.
    public static func int8PerTensor(
        _ values: UnsafeBufferPointer<Float>, into codes: UnsafeMutableBufferPointer<Int8>, threads: Int = 1
    ) -> Float {
        int8PerTensor(values, into: codes, threads: threads, streamingFrom: streamingStoreMinimum)
    }

    /// `int8PerTensor(_:into:threads:)` with streaming stores from `minimumCount` codes on (tests
    /// reach the streaming path with small arrays through it).
    static func int8PerTensor(
        _ values: UnsafeBufferPointer<Float>, into codes: UnsafeMutableBufferPointer<Int8>, threads: Int,
        streamingFrom minimumCount: Int
    ) -> Float {
        precondition(codes.count == values.count, "int8PerTensor: \(codes.count) codes for \(values.count) values")
        precondition(threads >= 1, "int8PerTensor: threads must be positive")
        let q = AffineQuantizer(bits: 8, symmetric: true)
        // Slices of whole chunks, so only the last slice has a scalar tail.
        let sliceLength = (values.count / threads + 15) / 16 * 16
        let slices = (0..<threads).map { t in
            min(values.count, t * sliceLength)..<min(values.count, (t + 1) * sliceLength)
        }
        let absMax = SliceResults(count: threads)
        concurrentlyRun(threads) { t in
            absMax[t] = Reductions.absMax(UnsafeBufferPointer(rebasing: values[slices[t]]))
        }
        let m = absMax.values.max() ?? 0
        let p = q.parameters(for: ClippingRange(symmetric: m))
        // Every |x| ≤ m, and a correctly rounded product is monotonic in |x|, so m · (1/scale)
        // bounds every x · (1/scale): below 127.5 no code can leave ±127 and the clamps go.
        // With the scale floored at the smallest normal float this holds for every finite input;
        // the clamping path stays as the check's other side, not as a path inputs are meant to take.
        let needsNoClamp = m * p.inverseScale < 127.5
        let streaming = values.count >= minimumCount
        concurrentlyRun(threads) { t in
            let src = UnsafeBufferPointer(rebasing: values[slices[t]])
            let dst = UnsafeMutableBufferPointer(rebasing: codes[slices[t]])
            if needsNoClamp {
                // Backward, in blocks of 2¹⁸ values (1 MiB): the absmax pass has just read the
                // slice forward, so its end is still in the last-level cache (32 MiB here) and
                // the first blocks come from there, not from memory. Measured on 64M floats, two
                // threads, three runs each: 51–59 % of a one-thread read forward, 54–57 % backward.
                let inverse = p.inverseScale, inverses = SIMD16<Float>(repeating: inverse)
                var end = src.count
                while end > 0 {
                    let start = max(0, end - (1 << 18))
                    roundUnclamped(
                        UnsafeBufferPointer(rebasing: src[start..<end]), into: UnsafeMutableBufferPointer(rebasing: dst[start..<end]),
                        streaming: streaming, inverse: { _ in inverses }, scalarInverse: { _ in inverse })
                    end = start
                }
            } else {
                let k = ChunkConstants(q, p)
                q.forEachChunk(src, dst, k) { i, v in
                    // Clamped to ±127 already, so truncation is exact. Written per lane: LLVM
                    // turns this into vpackssdw/vpacksswb (measured 4.1 GB/s with the call that
                    // `SIMD16<Int8>(truncatingIfNeeded:)` of a clamped `SIMD16<Int32>` became).
                    let q32 = q.codes(v, k)
                    let out = dst.baseAddress! + i
                    for lane in 0..<16 { out[lane] = Int8(truncatingIfNeeded: q32[lane]) }
                }
            }
        }
        return p.scale
    }

    /// Codes from which `int8PerTensor` writes with streaming stores: 4 Mi codes (4 MiB), twice
    /// the L2 of a core, where the output no longer stays in cache for whoever reads it next.
    static let streamingStoreMinimum = 1 << 22

    /// The round pass of symmetric codes of at most 8 bits when no code needs clamping
    /// (|x · (1/scale)| < qmax + ½ for every x, as absmax calibration guarantees):
    /// ```
    /// q = low byte of bits(x · (1/scale) + M),   M = 1.5 · 2²³
    /// ```
    /// Adding M rounds half-even into the low mantissa bits, and bits(M) ends in a zero byte, so
    /// the low byte is q in two's complement: a multiply, an add and a byte shuffle per 8 lanes,
    /// against 13 instructions with the clamps and the integer subtract of `codes(_:_:)`.
    /// Separate multiply and add, never a fused multiply-add: FMA would round once instead of
    /// twice and could differ from the scalar reference at ties. With `streaming`, whole
    /// 16-byte aligned chunks go out with non-temporal stores (see `StreamingStore`); the
    /// unaligned head and the tail go one value at a time by the same formula, which equals
    /// the scalar reference `quantize(_:_:)` when no clamp is needed.
    ///
    /// Used by `int8PerTensor`, `int8PerBlock` and `SymmetricIntegerMatrix(quantizing:bits:axis:)`.
    /// - Parameters:
    ///   - inverse: the reciprocals `1/scale` of values `i..<i+16` (one scale broadcast, or one
    ///     per column of a row); inlined with the pass, so a broadcast costs nothing per chunk.
    ///   - scalarInverse: the reciprocal of value `i`, for the head and the tail.
    @inline(__always)
    static func roundUnclamped(
        _ src: UnsafeBufferPointer<Float>, into dst: UnsafeMutableBufferPointer<Int8>, streaming: Bool,
        inverse: (Int) -> SIMD16<Float>, scalarInverse: (Int) -> Float
    ) {
        guard let input = UnsafeRawPointer(src.baseAddress), let output = UnsafeMutableRawPointer(dst.baseAddress) else { return }
        let n = src.count
        let magic = SIMD16<Float>(repeating: 0x1.8p23)
        @inline(__always) func chunk(_ i: Int) -> SIMD16<UInt8> {
            let v = input.loadUnaligned(fromByteOffset: i &* 4, as: SIMD16<Float>.self)
            return lowBytes(unsafeBitCast(v * inverse(i) + magic, to: SIMD16<UInt32>.self))
        }
        @inline(__always) func one(_ i: Int) {
            let shifted: Float = src[i] * scalarInverse(i) + 0x1.8p23
            dst[i] = Int8(truncatingIfNeeded: shifted.bitPattern)
        }
        var i = streaming ? min(n, StreamingStore.bytesToAlignment(output)) : 0
        for j in 0..<i { one(j) }
        // Two chunks per step keep two independent chains in flight.
        if streaming {
            while i &+ 32 <= n {
                StreamingStore.store(chunk(i), at: output + i)
                StreamingStore.store(chunk(i &+ 16), at: output + (i &+ 16))
                i &+= 32
            }
            StreamingStore.fence()
        } else {
            while i &+ 32 <= n {
                output.storeBytes(of: chunk(i), toByteOffset: i, as: SIMD16<UInt8>.self)
                output.storeBytes(of: chunk(i &+ 16), toByteOffset: i &+ 16, as: SIMD16<UInt8>.self)
                i &+= 32
            }
        }
        while i < n {
            one(i)
            i += 1
        }
    }

    /// The low byte of each lane, narrowed lane by lane: LLVM turns this into byte shuffles
    /// (`vpshufb`, `vpunpck`). `SIMD16<UInt8>(truncatingIfNeeded:)` was the same where it was
    /// inlined, but inside `roundUnclamped` inlined into three callers it stayed a call per
    /// chunk (with a `vzeroupper` each), seen in the release disassembly.
    @inline(__always)
    static func lowBytes(_ v: SIMD16<UInt32>) -> SIMD16<UInt8> {
        var bytes = SIMD16<UInt8>()
        for lane in 0..<16 { bytes[lane] = UInt8(truncatingIfNeeded: v[lane]) }
        return bytes
    }

    /// Calls `body` for each whole 16-value chunk; finishes the tail with the scalar reference.
    @inline(__always)
    func forEachChunk<Code: FixedWidthInteger>(
        _ src: UnsafeBufferPointer<Float>, _ dst: UnsafeMutableBufferPointer<Code>, _ k: ChunkConstants,
        _ body: (Int, SIMD16<Float>) -> Void
    ) {
        let whole = src.count / 16 * 16
        let input = UnsafeRawPointer(src.baseAddress)
        var i = 0
        while i < whole {
            body(i, input!.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self))
            i += 16
        }
        while i < src.count {
            dst[i] = Code(truncatingIfNeeded: quantize(src[i], k.parameters))
            i += 1
        }
    }

    /// The constants of the vector kernel, as whole vectors (see the extension's notes).
    struct ChunkConstants {
        let parameters: AffineParameters
        let inverseScale: SIMD16<Float>
        let lowLimit = SIMD16<Float>(repeating: -0x1p22), highLimit = SIMD16<Float>(repeating: 0x1p22)
        let magic = SIMD16<Float>(repeating: 0x1.8p23)
        let magicBits = SIMD16<Int32>(repeating: 0x4B40_0000)
        let zero: SIMD16<Int32>
        let lo: SIMD16<Int32>, hi: SIMD16<Int32>

        init(_ q: AffineQuantizer, _ p: AffineParameters) {
            parameters = p
            inverseScale = SIMD16(repeating: p.inverseScale)
            zero = SIMD16(repeating: p.zeroPoint)
            lo = SIMD16(repeating: q.minCode)
            hi = SIMD16(repeating: q.maxCode)
        }
    }

    /// Sixteen codes: clamp(roundHalfEven(x · (1/scale)) + z, qmin, qmax), as `quantize(_:_:)`.
    @inline(__always)
    func codes(_ v: SIMD16<Float>, _ k: ChunkConstants) -> SIMD16<Int32> {
        // Multiplication by the reciprocal, as the scalar reference does: vdivps would cap this
        // pass near 19 GB/s (one 8-lane divide per ~5 cycles), below a quiet machine's read rate.
        var r = v * k.inverseScale
        r = r.replacing(with: k.lowLimit, where: r .< k.lowLimit).replacing(with: k.highLimit, where: r .> k.highLimit)
        var q = unsafeBitCast(r + k.magic, to: SIMD16<Int32>.self) &- k.magicBits &+ k.zero
        q = q.replacing(with: k.lo, where: q .< k.lo).replacing(with: k.hi, where: q .> k.hi)
        return q
    }
}
