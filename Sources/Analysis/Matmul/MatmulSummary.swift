import Records

private typealias Parameter = MatmulSchema.Parameter
private typealias Metric = MatmulSchema.Metric

/// The per-format summary of the matmul section at one size: error on every distribution,
/// speed against the fastest FP32 path (kernel only, end to end, per call) and memory.
///
/// ```
/// memory ratio = bytes per stored element / 4      (INT4: 0.5 / 4 = 1/8)
/// ```
/// For emulated formats the time ratios are relative speeds, not speedups (`emulated` says which).
public struct MatmulSummary: Sendable {
    /// One format's row.
    public struct Row: Sendable {
        /// The format, in the records' spelling.
        public let format: String
        /// Whether its times are emulations (relative speeds, not speedups).
        public let emulated: Bool
        /// Relative error by distribution (`normal`, `outliers`, `channels`); absent when not run.
        public let relativeErrors: [String: Double]
        /// Fastest FP32 over format, kernel only; `nil` when not timed at this size.
        public let kernelRatio: ConfidenceInterval?
        /// Fastest FP32 over format, end to end (both operands converted per call).
        public let endToEndRatio: ConfidenceInterval?
        /// Fastest FP32 over format, per call (the weights converted once).
        public let perCallRatio: ConfidenceInterval?
        /// Stored bytes per element over FP32's 4.
        public let memoryRatio: Double
        /// Bytes per element the timed kernel reads (4 for the emulated formats).
        public let kernelBytesPerElement: Double
        /// Bytes per stored element.
        public let storageBytesPerElement: Double

        /// Relative error on N(0, 1) inputs (NaN when absent).
        public var relativeError: Double { relativeErrors["normal"] ?? .nan }
    }

    /// The size summarized.
    public let size: Int
    /// The fastest FP32 path at this size for each kind of time (`fp32` or `openblas-fp32`).
    public let baselines: [MatmulSpeedCurve.Kind: String]
    /// One row per format, in run order (the FP32 baseline first).
    public let rows: [Row]

    /// Summarizes `size`.
    /// - Throws: `AnalysisError.missingBaseline` when the size was timed without FP32.
    public init(_ records: MatmulRecords, size: Int, seed: UInt64 = Bootstrap.defaultSeed) throws(AnalysisError) {
        self.size = size
        let errors = records.trial(.gemmError).matching([Parameter.size: .int(size)])
        var points: [MatmulSpeedCurve.Kind: [String: MatmulSpeedCurve.Point]] = [:]
        var baselines: [MatmulSpeedCurve.Kind: String] = [:]
        for kind in MatmulSpeedCurve.Kind.allCases {
            for curve in try MatmulSpeedCurve.curves(records, kind: kind, includingBaselines: true, seed: seed) {
                guard let p = curve[size: size] else { continue }
                points[kind, default: [:]][curve.format] = p
                baselines[kind] = p.baseline
            }
        }
        self.baselines = baselines
        rows = records.formats.compactMap { format in
            let mine = errors.matching([Parameter.format: .string(format)])
            guard let any = mine.first else { return nil }
            var byDistribution: [String: Double] = [:]
            for r in mine { if let d = r[Parameter.distribution]?.description { byDistribution[d] = r[Metric.relativeError]?.value } }
            let storage = any[Metric.storageBytesPerElement]?.value ?? .nan
            return Row(
                format: format, emulated: records.isEmulated(format), relativeErrors: byDistribution,
                kernelRatio: points[.kernel]?[format]?.ratio, endToEndRatio: points[.endToEnd]?[format]?.ratio,
                perCallRatio: points[.perCall]?[format]?.ratio, memoryRatio: storage / 4,
                kernelBytesPerElement: any[Metric.kernelBytesPerElement]?.value ?? .nan,
                storageBytesPerElement: storage)
        }
    }

    /// The row of `format`.
    public subscript(format: String) -> Row? { rows.first { $0.format == format } }
}
