import Records

private typealias Parameter = VisionSchema.Parameter
private typealias Metric = VisionSchema.Metric

/// The oneDNN inference engines of the vision section: what each answers on the test images
/// and how fast it runs at each batch size.
///
/// ```
/// rate(engine, batch)  = median over repeats of images / seconds         (images per second)
/// speedup(batch)       = median INT8 rate / median FP32 rate            (a ratio of medians, bootstrap interval)
/// agreement            = share of test images with the same top-1 class, mean and minimum over seeds
/// ```
/// Both engines run in the same process with their repeats interleaved, so the ratio compares
/// them under the same load.
public struct VisionEngineSummary: Sendable {
    /// One engine over the test images, pooled over seeds.
    public struct Answers: Sendable {
        /// `fp32` or `int8`.
        public let engine: String
        /// Accuracy against the FP32 parent, paired over seeds.
        public let comparison: VisionResults.Comparison
        /// Mean top-1 agreement with the FP32 model over seeds, and its smallest value.
        public let agreementFP32: (mean: Double, minimum: Double)
        /// Mean top-1 agreement with the simulated W8A8 model over seeds, and its smallest value.
        public let agreementW8A8: (mean: Double, minimum: Double)
        /// The oneDNN implementations of the first seed's plan at the largest batch.
        public let implementation: String
    }

    /// One engine at one batch size.
    public struct Speed: Sendable {
        /// `fp32` or `int8`.
        public let engine: String
        /// Images per call.
        public let batch: Int
        /// Images per second: the median over repeats with its bootstrap interval.
        public let imagesPerSecond: ConfidenceInterval
        /// Repeats timed.
        public let repeats: Int
    }

    /// The engines' answers, FP32 first.
    public let answers: [Answers]
    /// Every engine at every batch size, by batch then engine.
    public let speeds: [Speed]

    /// The summary of `results`' engine records; `nil` when the run has none.
    public init?(_ results: VisionResults) {
        let engineRecords = VisionSchema.records(.engine, in: results.records)
        guard !engineRecords.isEmpty else { return nil }
        let engines = ["fp32", "int8"].filter { e in engineRecords.contains { $0[Parameter.engine] == .string(e) } }
        answers = engines.compactMap { engine in
            let mine = engineRecords.matching([Parameter.engine: .string(engine)])
            guard let comparison = results.comparison(.engine, [.engine: .string(engine)]) else { return nil }
            func spread(_ metric: Metric) -> (Double, Double) {
                let v = mine.compactMap { $0[metric]?.value }
                return (v.mean(), v.min() ?? .nan)
            }
            let first = mine.min { ($0[Parameter.seed] ?? 0) < ($1[Parameter.seed] ?? 0) }
            return Answers(
                engine: engine, comparison: comparison, agreementFP32: spread(.agreementFP32), agreementW8A8: spread(.agreementW8A8),
                implementation: first?[Parameter.implementation]?.description ?? "")
        }
        let timed = VisionSchema.records(.engineSpeed, in: results.records)
        let batches = Set(timed.compactMap { $0[Parameter.batch]?.numberValue.map(Int.init) }).sorted()
        speeds = batches.flatMap { batch in
            engines.compactMap { engine -> Speed? in
                let rates = Self.rates(timed, engine: engine, batch: batch)
                guard !rates.isEmpty else { return nil }
                return Speed(engine: engine, batch: batch, imagesPerSecond: rates.medianConfidenceInterval(), repeats: rates.count)
            }
        }
        self.timedRecords = timed
    }

    private let timedRecords: [TrialRecord]

    /// The answers of `engine`, if it ran.
    public func answers(_ engine: String) -> Answers? { answers.first { $0.engine == engine } }

    /// The speed of `engine` at `batch`, if timed.
    public func speed(_ engine: String, batch: Int) -> Speed? { speeds.first { $0.engine == engine && $0.batch == batch } }

    /// INT8 images per second over FP32's at `batch`: the ratio of medians with its bootstrap interval.
    public func speedup(batch: Int) -> ConfidenceInterval? {
        let int8 = Self.rates(timedRecords, engine: "int8", batch: batch), fp32 = Self.rates(timedRecords, engine: "fp32", batch: batch)
        guard !int8.isEmpty, !fp32.isEmpty else { return nil }
        return RatioInterval.ofMedians(int8, over: fp32)
    }

    /// Images per second of each repeat of `engine` at `batch`.
    private static func rates(_ records: [TrialRecord], engine: String, batch: Int) -> [Double] {
        records.matching([Parameter.engine: .string(engine), .batch: .int(batch)]).compactMap { r in
            guard let images = r[Metric.images]?.value, let seconds = r[Metric.seconds]?.value, seconds > 0 else { return nil }
            return images / seconds
        }
    }
}
