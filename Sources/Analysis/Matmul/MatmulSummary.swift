import Records

private typealias Parameter = MatmulSchema.Parameter
private typealias Metric = MatmulSchema.Metric

/// The per-format summary of the matmul section at one size: error on both distributions,
/// speedup (kernel-only and end to end) and memory against FP32.
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
        /// Relative error on N(0, 1) inputs.
        public let relativeError: Double
        /// Relative error on the outlier distribution (NaN when absent).
        public let outlierRelativeError: Double
        /// FP32 over format, kernel only; `nil` when not timed at this size.
        public let kernelRatio: ConfidenceInterval?
        /// FP32 over format, end to end; `nil` when not timed at this size.
        public let endToEndRatio: ConfidenceInterval?
        /// Stored bytes per element over FP32's 4.
        public let memoryRatio: Double
        /// Bytes per element the timed kernel reads (4 for the emulated formats).
        public let kernelBytesPerElement: Double
        /// Bytes per stored element.
        public let storageBytesPerElement: Double
    }

    /// The size summarized.
    public let size: Int
    /// One row per format, in run order (the FP32 baseline first).
    public let rows: [Row]

    /// Summarizes `size`.
    /// - Throws: `AnalysisError.missingBaseline` when the size was timed without FP32.
    public init(_ records: MatmulRecords, size: Int, seed: UInt64 = Bootstrap.defaultSeed) throws(AnalysisError) {
        self.size = size
        let errors = records.trial(.gemmError).matching([Parameter.size: .int(size)])
        let timings = records.trial(.gemmTime).matching([Parameter.size: .int(size)])
        let kernel = timings.isEmpty ? nil : try BaselineComparison(
            timings, parameter: Parameter.format, baseline: "fp32", measurement: Metric.kernelSeconds, invert: true, seed: seed)
        let endToEnd = timings.isEmpty ? nil : try BaselineComparison(
            timings, parameter: Parameter.format, baseline: "fp32", measurement: Metric.endToEndSeconds, invert: true, seed: seed)
        rows = records.formats.compactMap { format in
            let mine = errors.matching([Parameter.format: .string(format)])
            func error(_ distribution: String) -> Double {
                mine.matching([Parameter.distribution: .string(distribution)]).first?[Metric.relativeError]?.value ?? .nan
            }
            guard let any = mine.first else { return nil }
            let storage = any[Metric.storageBytesPerElement]?.value ?? .nan
            return Row(
                format: format, emulated: records.isEmulated(format), relativeError: error("normal"),
                outlierRelativeError: error("outliers"), kernelRatio: kernel?[.string(format)]?.ratio,
                endToEndRatio: endToEnd?[.string(format)]?.ratio, memoryRatio: storage / 4,
                kernelBytesPerElement: any[Metric.kernelBytesPerElement]?.value ?? .nan,
                storageBytesPerElement: storage)
        }
    }

    /// The row of `format`.
    public subscript(format: String) -> Row? { rows.first { $0.format == format } }
}
