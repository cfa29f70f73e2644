import Records

private typealias Parameter = MatmulSchema.Parameter
private typealias Metric = MatmulSchema.Metric

/// Achieved throughput of each GEMM against the measured peak of its instruction type
/// (roofline style: how far each kernel is from what the machine can do).
///
/// ```
/// rate(n)  = 2n³ / median kernel seconds          (GFLOP/s, or GOP/s for integer kernels)
/// peak(i)  = 2s³ / fastest repeat of the peak GEMM of instruction i at size s
/// share(n) = rate(n) / peak(i)
/// ```
/// The peak is a measured one (the fastest oneDNN GEMM at a cache-friendly size), so a share can
/// slightly exceed 1 at sizes that suit the kernel better.
public struct MatmulThroughput: Sendable {
    /// The measured peak of one instruction type, in operations per second.
    public struct Peak: Sendable {
        /// `fp32`, `bf16` or `int8`.
        public let instruction: String
        /// The peak GEMM's size n.
        public let size: Int
        /// Operations per second of the fastest repeat.
        public let operationsPerSecond: Double
        /// The oneDNN implementation that ran it.
        public let implementation: String
    }

    /// One format's throughput at one size.
    public struct Point: Sendable {
        /// The size n.
        public let size: Int
        /// Operations per second from the median kernel time, with the interval of that median.
        public let operationsPerSecond: ConfidenceInterval
        /// `operationsPerSecond.estimate / peak`.
        public let peakShare: Double
    }

    /// The ISA ceiling of one instruction type, from the instruction-rate probe.
    public struct Ceiling: Sendable {
        /// `fp32`, `bf16` or `int8`.
        public let instruction: String
        /// The fastest round's operations per second on every thread.
        public let operationsPerSecond: Double
        /// The fastest round's core clock, in Hz: like the rate, the round least disturbed by
        /// other work on the cores.
        public let clockHertz: Double
        /// Threads the probe ran on.
        public let threads: Int
        /// Operations per cycle per core: rate / (clock · threads).
        public var operationsPerCycle: Double { operationsPerSecond / (clockHertz * Double(threads)) }
    }

    /// The format, in the records' spelling.
    public let format: String
    /// The instruction type whose peak applies (`fp32`, `bf16`, `int8`).
    public let instruction: String
    /// Whether the format is emulated (an FP32 product of rounded inputs).
    public let emulated: Bool
    /// Points by increasing size.
    public let points: [Point]

    /// The peaks of a run, by instruction type in run order.
    public static func peaks(_ records: MatmulRecords) -> [Peak] {
        records.trial(.peak).grouped(by: [Parameter.instruction]).map { group in
            let best = group.records.min { $0[Metric.kernelSeconds]!.value < $1[Metric.kernelSeconds]!.value }!
            return Peak(
                instruction: group[Parameter.instruction]!.description, size: Int(best[Parameter.size]!.numberValue!),
                operationsPerSecond: best[Metric.operations]!.value / best[Metric.kernelSeconds]!.value,
                implementation: best[Parameter.implementation]?.description ?? "")
        }
    }

    /// The ISA ceilings of a run, by instruction type in run order (none for runs without the probe).
    public static func ceilings(_ records: MatmulRecords) -> [Ceiling] {
        records.trial(.isaRate).grouped(by: [Parameter.instruction]).map { group in
            Ceiling(
                instruction: group[Parameter.instruction]!.description,
                operationsPerSecond: group.values(of: Metric.operationsPerSecond).max() ?? .nan,
                clockHertz: group.values(of: Metric.clockHz).max() ?? .nan,
                threads: Int(group.records.first?[Parameter.threads]?.numberValue ?? 1))
        }
    }

    /// The throughput curves of every timed format, in run order.
    public static func curves(_ records: MatmulRecords, seed: UInt64 = Bootstrap.defaultSeed) -> [MatmulThroughput] {
        let peaks = Self.peaks(records)
        let timings = records.trial(.gemmTime)
        return records.formats.compactMap { format in
            let mine = timings.matching([Parameter.format: .string(format)])
            guard let instruction = mine.first?[Parameter.instruction]?.description else { return nil }
            let peak = peaks.first { $0.instruction == instruction }?.operationsPerSecond ?? .nan
            let points = mine.grouped(by: [Parameter.size]).map { group in
                let operations = group.records[0][Metric.operations]!.value
                let t = group.values(of: Metric.kernelSeconds).medianConfidenceInterval(seed: seed)
                let rate = ConfidenceInterval(
                    estimate: operations / t.estimate, lower: operations / t.upper, upper: operations / t.lower,
                    level: t.level, method: t.method)
                return Point(size: Int(group[Parameter.size]!.numberValue!), operationsPerSecond: rate, peakShare: rate.estimate / peak)
            }
            return MatmulThroughput(format: format, instruction: instruction, emulated: records.isEmulated(format), points: points)
        }
    }
}
