import QuantCore

/// FP32 → FP16 / BF16 / FP8 E4M3 / FP8 E5M2 conversion throughput (saturating codes, RNE), in
/// input GB/s, with the plain read of the same array as the yardstick.
struct ConversionBenchmark {
    let count = 64 << 20

    func run() {
        let values = gaussianArray(count: count, seed: 2)
        let bytes = count * 4
        var codes16 = [UInt16](repeating: 0, count: count)
        var codes8 = [UInt8](repeating: 0, count: count)
        var sink: Float = 0
        print("FP32 → low-precision codes, \(count) floats, median of 9")
        values.withUnsafeBufferPointer { src in
            let read = Timing { sink += plainReadSum(src) }
            print("  plain SIMD read    \(twoDecimals(read.gigabytesPerSecond(bytes))) GB/s")
            for format16 in [FloatFormat.fp16, .bf16] {
                let t = codes16.withUnsafeMutableBufferPointer { dst in Timing { format16.encodeSaturating16(src, into: dst) } }
                print("  \(format16.displayName.padded(9))  \(twoDecimals(t.gigabytesPerSecond(bytes))) GB/s  (spread \(t.spread(bytes)))")
            }
            for format8 in [FloatFormat.e4m3, .e5m2] {
                let t = codes8.withUnsafeMutableBufferPointer { dst in Timing { format8.encodeSaturating8(src, into: dst) } }
                print("  \(format8.displayName.padded(9))  \(twoDecimals(t.gigabytesPerSecond(bytes))) GB/s  (spread \(t.spread(bytes)))")
            }
        }
        if sink.isNaN || codes8[0] == 0xFF && codes16[0] == 0xFFFF { print("  (sink \(sink))") }
    }
}

extension String {
    func padded(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
