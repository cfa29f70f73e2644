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
    /// The buffer is summed as rows of 4096 floats with the GEMV kernels' row split and the FP32
    /// GEMV's loop shape (four `SIMD16<Float>` accumulators) without the multiply; sums of ones
    /// are exact.
    public func run() -> Float {
        let rows = values.count / Self.rowLength
        var partial = [Float](repeating: 0, count: rows)
        values.withUnsafeBytes { raw in
            partial.withUnsafeMutableBufferPointer { out in
                forEachChunk(of: rows, threads: threads) { range in
                    for r in range {
                        let row = raw.baseAddress! + r * Self.rowLength * 4
                        var a0 = SIMD16<Float>(), a1 = a0, a2 = a0, a3 = a0
                        var i = 0
                        while i < Self.rowLength * 4 {
                            a0 += row.loadUnaligned(fromByteOffset: i, as: SIMD16<Float>.self)
                            a1 += row.loadUnaligned(fromByteOffset: i + 64, as: SIMD16<Float>.self)
                            a2 += row.loadUnaligned(fromByteOffset: i + 128, as: SIMD16<Float>.self)
                            a3 += row.loadUnaligned(fromByteOffset: i + 192, as: SIMD16<Float>.self)
                            i += 256
                        }
                        out[r] = ((a0 + a1) + (a2 + a3)).sum()
                    }
                }
            }
        }
        return partial.reduce(0, +)
    }

    private static let rowLength = 4096
}
