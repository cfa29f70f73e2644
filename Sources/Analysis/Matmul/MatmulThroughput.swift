import Records

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
        /// The peak GEMM's size.
        /// The size n.
        public let size: Int
        /// Operations per second of the fastest repeat.
        public let operationsPerSecond: Double
        /// The oneDNN implementation that ran it.
        public let implementation: String
    }

    /// One format's throughput at one size.
    public struct Point: Sendable {
        public let size: Int
        /// Operations per second from the median kernel time, with the interval of that median.
        public let operationsPerSecond: ConfidenceInterval
        /// `operationsPerSecond.estimate / peak`.
        public let peakShare: Double
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
        records.trial("peak").grouped(by: ["instruction"]).map { group in
            let best = group.records.min { $0.measurements["kernel_seconds"]!.value < $1.measurements["kernel_seconds"]!.value }!
            return Peak(
                instruction: group["instruction"]!.description, size: Int(best.parameters["size"]!.numberValue!),
                operationsPerSecond: best.measurements["operations"]!.value / best.measurements["kernel_seconds"]!.value,
                implementation: best.parameters["implementation"]?.description ?? "")
        }
    }

    /// The throughput curves of every timed format, in run order.
    public static func curves(_ records: MatmulRecords, seed: UInt64 = Bootstrap.defaultSeed) -> [MatmulThroughput] {
        let peaks = Self.peaks(records)
        let timings = records.trial("gemm-time")
        return records.formats.compactMap { format in
            let mine = timings.matching(["format": .string(format)])
            guard let instruction = mine.first?.parameters["instruction"]?.description else { return nil }
            let peak = peaks.first { $0.instruction == instruction }?.operationsPerSecond ?? .nan
            let points = mine.grouped(by: ["size"]).map { group in
                let operations = group.records[0].measurements["operations"]!.value
                let t = group.values(of: "kernel_seconds").medianConfidenceInterval(seed: seed)
                let rate = ConfidenceInterval(
                    estimate: operations / t.estimate, lower: operations / t.upper, upper: operations / t.lower,
                    level: t.level, method: t.method)
                return Point(size: Int(group["size"]!.numberValue!), operationsPerSecond: rate, peakShare: rate.estimate / peak)
            }
            return MatmulThroughput(format: format, instruction: instruction, emulated: records.isEmulated(format), points: points)
        }
    }
}
