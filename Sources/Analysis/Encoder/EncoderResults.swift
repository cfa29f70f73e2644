public import Records

/// The encoder section's records, read for the chapter: activation outliers per layer, each
/// quantization scheme against FP32 with intervals, per-layer SQNR and FP32 speed.
public struct EncoderResults: Sendable {
    /// One scheme's agreement with FP32.
    public struct Scheme: Sendable {
        /// The scheme's label (`w8a8-token`).
        public let label: String
        /// Its record parameters.
        public let record: TrialRecord
        /// Mean cosine to FP32 with Student's t 95 % interval over the held-out verses.
        public let cosine: ConfidenceInterval
        /// The 1st percentile of the cosines with its distribution-free 95 % interval (order statistics).
        public let cosineP01: ConfidenceInterval
        /// Mean top-10 overlap with FP32 with Student's t 95 % interval over the queries.
        public let overlap: ConfidenceInterval
        /// Bytes of the linear weights.
        public let weightBytes: Double
        /// LLM.int8's share of input columns kept in FP32, if recorded.
        public let keptShare: Double?
        /// The paired comparison with the scheme's baseline (GPTQ against RTN at the same grid):
        /// the mean per-verse cosine difference and the mean per-query overlap difference, this
        /// scheme minus the baseline, each with Student's t 95 % interval of a mean difference.
        public let paired: (baseline: String, cosine: ConfidenceInterval, overlap: ConfidenceInterval)?

        /// How the weights were rounded: `rtn` or `gptq` (`rtn` for records from before the key).
        public var method: String { parameter(.method) ?? "rtn" }

        /// A string parameter of the record.
        public func parameter(_ key: EncoderSchema.Parameter) -> String? {
            if case .string(let s)? = record[key] { return s }
            return nil
        }

        /// SmoothQuant's α, or `nil` without smoothing.
        public var alpha: Double? {
            guard let a = record[EncoderSchema.Parameter.alpha]?.numberValue, a >= 0 else { return nil }
            return a
        }
    }

    /// One layer site's activation magnitudes.
    public struct Outlier: Sendable {
        /// The layer, from 0.
        public let layer: Int
        /// `intermediate` or `output`.
        public let site: String
        /// max |x|.
        public let maxAbs: Double
        /// Median over dimensions of each dimension's max |x|.
        public let medianColumnMax: Double
        /// The three dimensions with the largest max |x|, largest first, with those maxima.
        public let top: [(dimension: Int, max: Double)]
        /// max |x| over the median column max: how far the outlier stands out.
        public var ratio: Double { maxAbs / medianColumnMax }
    }

    /// The records.
    public let records: [TrialRecord]
    /// The schemes in record order.
    public let schemes: [Scheme]
    /// Layer sites in record order.
    public let outliers: [Outlier]

    /// Reads `records`.
    /// - Throws: `AnalysisError.missingFamily` when no `scheme` or `outlier` records are present.
    public init(_ records: [TrialRecord]) throws {
        self.records = records
        let schemeRecords = EncoderSchema.records(.scheme, in: records)
        guard !schemeRecords.isEmpty else { throw AnalysisError.missingFamily(section: EncoderSchema.section, family: EncoderSchema.Family.scheme.rawValue) }
        schemes = schemeRecords.map { r in
            func v(_ m: EncoderSchema.Metric) -> Double { r[m]?.value ?? .nan }
            let t = { (n: Double) in StudentT.quantile(0.975, degreesOfFreedom: max(n - 1, 1)) }
            let n = v(.verses), q = v(.queries)
            let label: String
            if case .string(let s)? = r[EncoderSchema.Parameter.label] { label = s } else { label = "?" }
            // A paired difference's interval: mean ± t·SD/√n over the n pairs.
            func difference(_ mean: EncoderSchema.Metric, _ sd: EncoderSchema.Metric, _ n: Double) -> ConfidenceInterval {
                let half = t(n) * v(sd) / n.squareRoot()
                return ConfidenceInterval(estimate: v(mean), lower: v(mean) - half, upper: v(mean) + half, level: 0.95, method: .studentT)
            }
            var paired: (String, ConfidenceInterval, ConfidenceInterval)?
            if case .string(let baseline)? = r[EncoderSchema.Parameter.baseline], baseline != "none", r[EncoderSchema.Metric.pairedCosineMean] != nil {
                paired = (baseline, difference(.pairedCosineMean, .pairedCosineSD, n), difference(.pairedOverlapMean, .pairedOverlapSD, q))
            }
            return Scheme(
                label: label, record: r,
                cosine: ConfidenceInterval(estimate: v(.cosineMean), lower: v(.cosineMean) - t(n) * v(.cosineSD) / n.squareRoot(),
                                           upper: min(1, v(.cosineMean) + t(n) * v(.cosineSD) / n.squareRoot()), level: 0.95, method: .studentT),
                cosineP01: ConfidenceInterval(estimate: v(.cosineP01), lower: v(.cosineP01Low), upper: v(.cosineP01High), level: 0.95, method: .orderStatistics),
                overlap: ConfidenceInterval(estimate: v(.overlapMean), lower: max(0, v(.overlapMean) - t(q) * v(.overlapSD) / q.squareRoot()),
                                            upper: min(1, v(.overlapMean) + t(q) * v(.overlapSD) / q.squareRoot()), level: 0.95, method: .studentT),
                weightBytes: v(.weightBytes), keptShare: r[EncoderSchema.Metric.keptShare]?.value, paired: paired)
        }
        let outlierRecords = EncoderSchema.records(.outlier, in: records)
        guard !outlierRecords.isEmpty else { throw AnalysisError.missingFamily(section: EncoderSchema.section, family: EncoderSchema.Family.outlier.rawValue) }
        outliers = outlierRecords.map { r in
            func v(_ m: EncoderSchema.Metric) -> Double { r[m]?.value ?? .nan }
            var site = ""
            if case .string(let s)? = r[EncoderSchema.Parameter.site] { site = s }
            return Outlier(
                layer: Int(r[EncoderSchema.Parameter.layer]?.numberValue ?? -1), site: site, maxAbs: v(.maxAbs), medianColumnMax: v(.medianColumnMax),
                top: [(Int(v(.top1Dimension)), v(.top1Max)), (Int(v(.top2Dimension)), v(.top2Max)), (Int(v(.top3Dimension)), v(.top3Max))])
        }
    }

    /// The scheme labelled `label`.
    public func scheme(_ label: String) -> Scheme? { schemes.first { $0.label == label } }

    /// The number of encoder layers.
    public var layerCount: Int { (outliers.map(\.layer).max() ?? -1) + 1 }

    /// Each output dimension's max |x| per layer (`[layer][dimension]`), from `column-max`.
    public var columnMax: [[Double]] {
        var out = [[Double]](repeating: [], count: layerCount)
        for r in EncoderSchema.records(.columnMax, in: records) {
            guard let l = r[EncoderSchema.Parameter.layer]?.numberValue, let d = r[EncoderSchema.Parameter.dimension]?.numberValue,
                  let v = r[EncoderSchema.Metric.maxAbs]?.value, Int(l) < layerCount else { continue }
            let (layer, dimension) = (Int(l), Int(d))
            if out[layer].count <= dimension { out[layer] += [Double](repeating: 0, count: dimension + 1 - out[layer].count) }
            out[layer][dimension] = v
        }
        return out
    }

    /// The histogram of the outlier layer: its layer, bin edges (`bins + 1`), counts, and the INT8 step.
    public var histogram: (layer: Int, edges: [Double], counts: [Double], int8Step: Double)? {
        let bins = EncoderSchema.records(.histogram, in: records)
            .sorted { ($0[EncoderSchema.Parameter.bin]?.numberValue ?? 0) < ($1[EncoderSchema.Parameter.bin]?.numberValue ?? 0) }
        guard let first = bins.first, let last = bins.last, let top = last[EncoderSchema.Metric.upper]?.value,
              let step = first[EncoderSchema.Metric.int8Step]?.value else { return nil }
        return (Int(first[EncoderSchema.Parameter.layer]?.numberValue ?? 0), bins.compactMap { $0[EncoderSchema.Metric.lower]?.value } + [top],
                bins.compactMap { $0[EncoderSchema.Metric.count]?.value }, step)
    }

    /// Per-layer output SQNR of scheme `label`, in layer order (dB).
    public func layerSQNR(_ label: String) -> [Double] {
        EncoderSchema.records(.layerSQNR, in: records).matching([EncoderSchema.Parameter.label: .string(label)])
            .sorted { ($0[EncoderSchema.Parameter.layer]?.numberValue ?? 0) < ($1[EncoderSchema.Parameter.layer]?.numberValue ?? 0) }
            .compactMap { $0[EncoderSchema.Metric.sqnrDB]?.value }
    }

    /// The median sentences per second of `variant` over its repeats, with the repeats' count.
    public func speed(_ variant: String) -> (median: Double, repeats: Int, tokensPerSentence: Double)? {
        let runs = EncoderSchema.records(.speed, in: records).matching([EncoderSchema.Parameter.variant: .string(variant)])
        let rates = runs.values(of: EncoderSchema.Metric.sentencesPerSecond)
        guard !rates.isEmpty, let first = runs.first, let s = first[EncoderSchema.Metric.sentences]?.value,
              let t = first[EncoderSchema.Metric.tokens]?.value else { return nil }
        return (rates.median(), rates.count, t / s)
    }

    /// The weight-only INT4 group schemes rounded to nearest (`int4-g32-sym` … `int4-g128-asym`).
    public var int4GroupsRTN: [Scheme] {
        schemes.filter { $0.label.hasPrefix("int4-g") && $0.method == "rtn" }
    }

    /// The schemes of the SmoothQuant α sweep (per-tensor dynamic), by α.
    public var alphaSweep: [(alpha: Double, scheme: Scheme)] {
        schemes.compactMap { s in
            guard let a = s.alpha, s.parameter(.calibration) == "dynamic" else { return nil }
            return (a, s)
        }.sorted { $0.alpha < $1.alpha }
    }
}
