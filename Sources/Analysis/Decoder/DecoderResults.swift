public import Records

/// The decoder section's records, read for the chapter: training, the training curve, each
/// model's per-chunk metrics, samples, and the decode timings. A pure function of the records.
public struct DecoderResults: Sendable {
    /// One quantized (or the FP32) model.
    public struct Variant: Sendable {
        /// The record name (`rtn-w4-g128`).
        public let name: String
        /// `fp32`, `rtn`, `nf4`, `fp8`, `gptq`.
        public let method: String
        /// Weight bits.
        public let bits: Int
        /// `channel`, `g128`, …, `b64`, `none`.
        public let granularity: String
        /// GPTQ's act-order.
        public let actOrder: Bool
        /// `fp32`, `int8-tensor`, `int8-token`.
        public let activations: String
        /// Whether computed by conversion (emulated).
        public let emulated: Bool
        /// Bytes of the linear weights with scales.
        public let modelBytes: Double
        /// Bits per linear weight, scales included.
        public let bitsPerWeight: Double
        /// Per-chunk sums.
        public let metrics: DecoderChunkMetrics
    }

    /// A point of the training curve.
    public struct CurvePoint: Sendable {
        /// The step, from 1.
        public let step: Int
        /// Mean training cross-entropy since the previous point, nats.
        public let trainLoss: Double
        /// Held-out cross-entropy, bits per character.
        public let validationBPC: Double
        /// The step's learning rate.
        public let learningRate: Double
    }

    /// A format's decode timings and bytes.
    public struct DecodeFormat: Sendable {
        /// `fp32`, `int8`, `w8a8`, `w4a8`.
        public let format: String
        /// Seconds of each repeat.
        public let seconds: [Double]
        /// Weight (and scale) bytes read per token.
        public let weightBytes: Double
        /// KV-cache bytes read per token.
        public let cacheBytes: Double
    }

    /// The `training` record.
    public let training: TrialRecord
    /// The curve, by step.
    public let curve: [CurvePoint]
    /// Every model, in record order (FP32 first).
    public let variants: [Variant]
    /// Generated text by variant name.
    public let samples: [(variant: String, text: String)]
    /// The samples' prompt.
    public let prompt: String
    /// The decode formats in record order.
    public let decode: [DecodeFormat]
    /// Probe seconds per repeat, and bytes per pass.
    public let probeSeconds: [Double], probeBytes: Double
    /// The decode block's shape record parameters.
    public let decodeShape: TrialRecord?
    /// Seconds of each timed training step of the step-timing trial.
    public let stepSeconds: [Double]
    /// A step-timing record (its shape parameters).
    public let stepShape: TrialRecord?

    /// Reads the records.
    /// - Throws: `AnalysisError.missingFamily` when training, the FP32 model or chunks are missing.
    public init(_ records: [TrialRecord]) throws {
        typealias S = DecoderSchema
        guard let training = S.records(.training, in: records).first else {
            throw AnalysisError.missingFamily(section: S.section, family: S.Family.training.rawValue)
        }
        self.training = training
        curve = S.records(.curve, in: records).compactMap { r in
            guard let step = r[S.Parameter.step]?.numberValue, let loss = r[S.Metric.trainLoss]?.value,
                  let bpc = r[S.Metric.validationBPC]?.value, let rate = r[S.Metric.learningRate]?.value else { return nil }
            return CurvePoint(step: Int(step), trainLoss: loss, validationBPC: bpc, learningRate: rate)
        }.sorted { $0.step < $1.step }
        let chunks = S.records(.chunk, in: records)
        var byName: [String: [TrialRecord]] = [:]
        for record in chunks { if case .string(let name)? = record[S.Parameter.variant] { byName[name, default: []].append(record) } }
        variants = S.records(.variant, in: records).compactMap { r in
            guard case .string(let name)? = r[S.Parameter.variant], let rows = byName[name], !rows.isEmpty else { return nil }
            let sorted = rows.sorted { ($0[S.Parameter.chunk] ?? 0) < ($1[S.Parameter.chunk] ?? 0) }
            func column(_ m: S.Metric) -> [Double] { sorted.map { $0[m]?.value ?? .nan } }
            func text(_ p: S.Parameter) -> String { if case .string(let s)? = r[p] { return s }; return "" }
            func flag(_ p: S.Parameter) -> Bool { if case .bool(let b)? = r[p] { return b }; return false }
            return Variant(
                name: name, method: text(.method), bits: Int(r[S.Parameter.bits]?.numberValue ?? 0), granularity: text(.granularity),
                actOrder: flag(.actOrder), activations: text(.activations), emulated: flag(.emulated),
                modelBytes: r[S.Metric.modelBytes]?.value ?? 0, bitsPerWeight: r[S.Metric.bitsPerWeight]?.value ?? 0,
                metrics: DecoderChunkMetrics(tokens: column(.tokens), nll: column(.nll), kl: column(.kl), agree: column(.agree), correct: column(.correct)))
        }
        guard variants.contains(where: { $0.name == "fp32" }) else {
            throw AnalysisError.missingFamily(section: S.section, family: S.Family.chunk.rawValue)
        }
        let sampleRecords = S.records(.sample, in: records)
        samples = sampleRecords.compactMap { r in
            guard case .string(let v)? = r[S.Parameter.variant], case .string(let t)? = r[S.Parameter.text] else { return nil }
            return (v, t)
        }
        if case .string(let p)? = sampleRecords.first?[S.Parameter.prompt] { prompt = p } else { prompt = "" }
        let decodeRecords = S.records(.decode, in: records)
        var formats: [String] = []
        for r in decodeRecords { if case .string(let f)? = r[S.Parameter.format], !formats.contains(f) { formats.append(f) } }
        decode = formats.map { f in
            let rows = decodeRecords.matching([S.Parameter.format: .string(f)])
            return DecodeFormat(
                format: f, seconds: rows.values(of: S.Metric.seconds),
                weightBytes: rows.first?[S.Metric.weightBytes]?.value ?? 0, cacheBytes: rows.first?[S.Metric.cacheBytes]?.value ?? 0)
        }
        decodeShape = decodeRecords.first
        let steps = S.records(.stepTiming, in: records)
        stepSeconds = steps.values(of: S.Metric.seconds)
        stepShape = steps.first
        let probes = S.records(.probe, in: records)
        probeSeconds = probes.values(of: S.Metric.seconds)
        probeBytes = probes.first?[S.Metric.bytes]?.value ?? 0
    }

    /// The variant named `name`.
    public func variant(_ name: String) -> Variant? { variants.first { $0.name == name } }

    /// The FP32 model.
    public var fp32: Variant { variant("fp32")! }
}
