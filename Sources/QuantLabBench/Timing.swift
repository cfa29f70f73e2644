/// Median wall time of repeated runs after warm-up, and throughput from it.
struct Timing {
    /// Seconds of each timed repeat, sorted.
    let seconds: [Double]

    /// Runs `body` `warmUp` times untimed, then `repeats` times timed.
    init(warmUp: Int = 2, repeats: Int = 9, _ body: () -> Void) {
        for _ in 0..<warmUp { body() }
        let clock = ContinuousClock()
        var seconds = [Double]()
        for _ in 0..<repeats {
            let elapsed = clock.measure(body)
            seconds.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        }
        self.seconds = seconds.sorted()
    }

    /// Timings measured elsewhere.
    init(seconds: [Double]) { self.seconds = seconds.sorted() }

    var median: Double { seconds[seconds.count / 2] }

    /// Gigabytes (10⁹ bytes) per second for `bytes` processed per run, at the median.
    func gigabytesPerSecond(_ bytes: Int) -> Double { Double(bytes) / median / 1e9 }

    /// "min–max" spread of throughput over the repeats.
    func spread(_ bytes: Int) -> String {
        "\(twoDecimals(Double(bytes) / seconds.last! / 1e9))–\(twoDecimals(Double(bytes) / seconds.first! / 1e9))"
    }
}

/// A number with two decimals.
func twoDecimals(_ x: Double) -> String {
    let hundredths = Int((x * 100).rounded())
    let fraction = String(hundredths % 100)
    return "\(hundredths / 100).\(fraction.count == 1 ? "0" + fraction : fraction)"
}

/// A deterministic array of `count` N(0, 1) floats.
func gaussianArray(count: Int, seed: UInt64) -> [Float] {
    var g = SeededGenerator(seed: seed)
    return Tensor.normal(shape: [count], using: &g).storage
}

import Tensor
