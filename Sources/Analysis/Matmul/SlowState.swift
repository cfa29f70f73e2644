import Records

/// The machine's slow state, read from the FP32 baseline's repeats: this machine kind has a
/// state in which the same product takes about twice as long (FP32 at n = 4096 was 0.63 s three
/// times and 1.21 s twice in one run), which comes and goes within a run.
///
/// ```
/// slow repeat at size n:  t ≥ 1.5 · min t      (oneDNN FP32 kernel, sizes whose median ≥ 1 ms)
/// ```
/// Below 1 ms a single interrupt can double a repeat, which is noise, not a state. Because the
/// formats take turns within each round, a slow spell falls on all of them alike and the ratios
/// stay meaningful; the absolute times and throughputs do not, so the chapter names the sizes.
public struct SlowState: Sendable {
    /// One size with slow repeats.
    public struct Size: Sendable, Equatable {
        /// The size n.
        public let size: Int
        /// FP32 repeats timed.
        public let repeats: Int
        /// Repeats at ≥ `threshold` × the fastest.
        public let slowRepeats: Int
        /// Median of the slow repeats over the fastest repeat.
        public let slowdown: Double
    }

    /// A repeat this many times the fastest is slow.
    public static let threshold = 1.5
    /// Sizes whose median FP32 kernel time is below this (seconds) are not judged.
    public static let minimumSeconds = 1e-3

    /// The sizes with slow repeats, increasing.
    public let sizes: [Size]
    /// The sizes judged (median ≥ `minimumSeconds`), increasing.
    public let judgedSizes: [Int]

    /// Reads the slow state from the oneDNN FP32 kernel times of `records`.
    public init(_ records: MatmulRecords) {
        var slow: [Size] = []
        var judged: [Int] = []
        let fp32 = records.trial(.gemmTime).matching([MatmulSchema.Parameter.format: "fp32"])
        for size in records.timedSizes {
            let t = fp32.matching([MatmulSchema.Parameter.size: .int(size)]).values(of: MatmulSchema.Metric.kernelSeconds)
            guard let fastest = t.min(), t.median() >= Self.minimumSeconds else { continue }
            judged.append(size)
            let slowTimes = t.filter { $0 >= Self.threshold * fastest }
            if !slowTimes.isEmpty {
                slow.append(Size(size: size, repeats: t.count, slowRepeats: slowTimes.count, slowdown: slowTimes.median() / fastest))
            }
        }
        sizes = slow
        judgedSizes = judged
    }

    /// Whether any judged size had a slow repeat.
    public var observed: Bool { !sizes.isEmpty }
}
