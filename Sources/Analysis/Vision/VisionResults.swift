public import Records
import Tensor

/// The vision section's records, read for the chapter: FP32 accuracy over seeds and images, and
/// each quantized model against its FP32 parent, pooled over seeds.
public struct VisionResults: Sendable {
    /// A quantized configuration against its FP32 parents, over every seed that ran it.
    public struct Comparison: Sendable {
        /// Mean test accuracy over seeds (a fraction).
        public let accuracy: Double
        /// The paired counts summed over seeds (each seed against its own parent, same test images).
        public let outcomes: PairedOutcomes
        /// Mean logit SQNR against the parent over seeds, in dB.
        public let logitSQNR: Double
        /// Mean model bytes over seeds (equal for every seed).
        public let modelBytes: Double?

        /// Accuracy minus the parent's, in points of accuracy (fraction), pooled: (n₀₁ − n₁₀) / n.
        public var difference: Double { outcomes.difference }
        /// The paired bootstrap interval of `difference`.
        public var differenceInterval: ConfidenceInterval { outcomes.differenceInterval() }
    }

    /// The records of the one model these results describe.
    public let records: [TrialRecord]
    /// FP32 test accuracy of each seed, in seed order.
    public let fp32Accuracies: [Double]
    /// Test images per seed.
    public let images: Int

    /// The results of `model`'s records (`cnn`, `mlp`) among `records`.
    /// - Throws: `AnalysisError` when the run has no FP32 model of that name.
    public init(_ records: [TrialRecord], model: String = "cnn") throws {
        let records = records.filter { $0[VisionSchema.Parameter.model] == .string(model) }
        self.records = records
        let fp32 = VisionSchema.records(.fp32, in: records).sorted { ($0[VisionSchema.Parameter.seed] ?? 0) < ($1[VisionSchema.Parameter.seed] ?? 0) }
        guard let first = fp32.first, let count = first[VisionSchema.Metric.images]?.value else {
            throw AnalysisError.missingFamily(section: VisionSchema.section, family: VisionSchema.Family.fp32.rawValue)
        }
        fp32Accuracies = fp32.compactMap { $0[VisionSchema.Metric.accuracy]?.value }
        images = Int(count)
    }

    /// The mean FP32 accuracy with a 95 % interval: Student's t over seeds when there are at
    /// least two, else a percentile bootstrap over the test images of the one seed.
    public var fp32Accuracy: ConfidenceInterval {
        if fp32Accuracies.count >= 2 { return fp32Accuracies.meanConfidenceInterval() }
        let correct = Int((fp32Accuracies[0] * Double(images)).rounded())
        let outcomes = [Double](repeating: 1, count: correct) + [Double](repeating: 0, count: images - correct)
        var rng = SeededGenerator(seed: Bootstrap.defaultSeed)
        return Bootstrap.interval(of: outcomes, using: &rng) { $0.mean() }
    }

    /// The records of `family` matching `filter`, compared with their parents; `nil` when none ran.
    public func comparison(_ family: VisionSchema.Family, _ filter: [VisionSchema.Parameter: ParameterValue]) -> Comparison? {
        let matching = VisionSchema.records(family, in: records).matching(filter)
        guard !matching.isEmpty else { return nil }
        func sum(_ metric: VisionSchema.Metric) -> Int {
            Int(matching.compactMap { $0[metric]?.value }.reduce(0, +))
        }
        let sqnr = matching.compactMap { $0[VisionSchema.Metric.logitSQNR]?.value }
        let bytes = matching.compactMap { $0[VisionSchema.Metric.modelBytes]?.value }
        return Comparison(
            accuracy: matching.compactMap { $0[VisionSchema.Metric.accuracy]?.value }.mean(),
            outcomes: PairedOutcomes(
                bothRight: sum(.bothRight), parentOnly: sum(.parentOnly), childOnly: sum(.childOnly), bothWrong: sum(.bothWrong)),
            logitSQNR: sqnr.mean(),
            modelBytes: bytes.isEmpty ? nil : bytes.mean())
    }

    /// A PTQ configuration against FP32 (see `VisionSchema.Parameter` for the keys).
    public func ptq(
        weights: String, granularity: String = "channel", activations: String = "fp32", symmetric: Bool = false,
        calibration: String = "none", mixed: Bool = false
    ) -> Comparison? {
        comparison(.ptq, [
            .weights: .string(weights), .granularity: .string(granularity), .activations: .string(activations),
            .symmetric: .bool(symmetric), .calibration: .string(calibration), .mixed: .bool(mixed),
        ])
    }

    /// The `layer-range` record of `layer` for the first seed.
    public func layerRange(layer: String) -> TrialRecord? {
        VisionSchema.records(.layerRange, in: records).matching([VisionSchema.Parameter.layer: .string(layer), .seed: 0]).first
    }

    /// A QAT setting against FP32: weights and activations as `int4`, `int8`; method `ste` or `lsq`.
    public func qat(weights: String, activations: String, method: String) -> Comparison? {
        comparison(.qat, [.weights: .string(weights), .activations: .string(activations), .method: .string(method)])
    }
}
