/// A plain read-bandwidth probe: the SIMD sum of a large FP32 array on the GEMV kernels' threads.
///
/// The GEMV efficiency is stated as effective weight GB/s over the GB/s of this sum, measured in
/// the same run; the caller times `run()` (the module does not time anything itself). The buffer
/// should exceed the last-level cache (32 MiB here) so that the sum streams from DRAM.
public struct ReadBandwidthProbe: Sendable {
    /// Bytes read by one `run()`.
    public var bytes: Int { values.count * 4 }
    /// Worker threads.
    public let threads: Int
    private let values: [Float]

    /// A probe over `mebibytes` MiB of ones.
    /// - Precondition: `mebibytes ≥ 1`.
    public init(mebibytes: Int = 256, threads: Int = defaultKernelThreads) {
        precondition(mebibytes >= 1, "ReadBandwidthProbe: size must be at least 1 MiB, got \(mebibytes)")
        values = [Float](repeating: 1, count: mebibytes << 18)
        self.threads = threads
    }

    /// Reads the whole buffer once and returns its sum (so the reads cannot be optimized away).
    ///
    /// Each worker sums a contiguous chunk with four `SIMD16<Float>` accumulators, the same loop
    /// shape as the FP32 GEMV without the multiply. (Sums of ones are exact up to 2²⁴ per lane.)
    public func run() -> Float {
        let workers = max(1, threads)
        var partial = [Float](repeating: 0, count: workers)
        values.withUnsafeBytes { raw in
            partial.withUnsafeMutableBufferPointer { out in
                nonisolated(unsafe) let out = out
                let count = values.count / 64 * 64
                forEachChunk(of: workers, threads: workers) { ws in
                    for w in ws {
                        let start = w * count / workers / 64 * 64, end = (w + 1) * count / workers / 64 * 64
                        var a0 = SIMD16<Float>(), a1 = a0, a2 = a0, a3 = a0
                        var i = start
                        while i < end {
                            a0 += raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self)
                            a1 += raw.loadUnaligned(fromByteOffset: i * 4 + 64, as: SIMD16<Float>.self)
                            a2 += raw.loadUnaligned(fromByteOffset: i * 4 + 128, as: SIMD16<Float>.self)
                            a3 += raw.loadUnaligned(fromByteOffset: i * 4 + 192, as: SIMD16<Float>.self)
                            i += 64
                        }
                        out[w] = ((a0 + a1) + (a2 + a3)).sum()
                    }
                }
            }
        }
        return partial.reduce(0, +)
    }
}
