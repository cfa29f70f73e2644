import Records

private typealias Parameter = MatmulSchema.Parameter
private typealias Metric = MatmulSchema.Metric

/// Batch-1 GEMV per weight format: time, effective weight bandwidth and its share of the read
/// bandwidth measured in the same run, speedup over FP32 weights, output error.
///
/// ```
/// GB/s  = weight bytes / median seconds / 10⁹
/// share = GB/s / (probe bytes / fastest probe seconds / 10⁹)
/// speedup = median t_FP32 / median t_format
/// ```
/// At batch 1 every weight is read once per product, so the time follows the weight bytes: this
/// is where quantized weights pay off on a CPU even without low-precision arithmetic. The read
/// bandwidth is the probe's fastest repeat, like the GEMM peaks: the machine's capability, which
/// a slower repeat (another process sharing the memory bus) understates. Its samples are the
/// probe at the start of the section and the eviction reads between cold GEMV repeats, which
/// see the same load as the GEMVs they separate. Each format is summed
/// up per cache state (`warm`: weights may sit in the last-level cache; `cold`: evicted before
/// each repeat); speedups compare FP32 and the format in the same state. Records without a
/// cache state (runs before it was recorded) count as warm.
public struct GEMVSummary: Sendable {
    /// One weight format on one shape.
    public struct Row: Sendable {
        /// Rows of W.
        public let rows: Int
        /// Columns of W.
        public let columns: Int
        /// `fp32`, `bf16`, `int8` or `int4` (FP32 x), `w8a8` or `w4a8` (INT8 or INT4 weights, x
        /// quantized to INT8).
        public let weights: String
        /// `warm` or `cold`.
        public let cache: String
        /// The kernel's label, e.g. `INT4 per-group(128) GEMV (Swift SIMD)`.
        public let kernel: String
        /// The instructions it ran on (`swift-simd`, `avx2`, `avx512vnni-256`, …); empty in runs
        /// before it was recorded.
        public let instructionPath: String
        /// Bytes of weights and scales read per product.
        public let weightBytes: Double
        /// Median seconds with a bootstrap interval.
        public let seconds: ConfidenceInterval
        /// Effective weight bandwidth, GB/s (10⁹ bytes per second), from the median.
        public let gigabytesPerSecond: Double
        /// `gigabytesPerSecond` over the probe's read bandwidth.
        public let bandwidthShare: Double
        /// Median FP32 time over this format's, with a bootstrap interval.
        public let speedup: ConfidenceInterval
        /// Relative Frobenius error of y against FP64.
        public let relativeError: Double
    }

    /// One format's output error at its bits per weight (timed formats and the error-only
    /// block-32 ones alike).
    public struct ErrorPoint: Sendable {
        /// Rows and columns of W.
        public let rows: Int, columns: Int
        /// The weight format, e.g. `w4a8`, `w4a8-b32`.
        public let weights: String
        /// Bits of codes and scales per weight.
        public let bitsPerWeight: Double
        /// Relative Frobenius error of y against FP64.
        public let relativeError: Double
    }

    /// Every `gemv-error` record that states its bits per weight, in record order.
    public let errorPoints: [ErrorPoint]

    /// The read bandwidth of the run's probe in GB/s, from its fastest repeat.
    public let readBandwidth: Double
    /// Every shape, cache state and weight format: shapes by increasing rows, `cold` before
    /// `warm`, formats in report order.
    public let rows: [Row]

    /// Summarizes a run's GEMV records.
    /// - Throws: `AnalysisError.missingBaseline` when a shape has no FP32 GEMV.
    public init(_ records: MatmulRecords, seed: UInt64 = Bootstrap.defaultSeed) throws(AnalysisError) {
        readBandwidth = records.trial(.bandwidth).compactMap { r -> Double? in
            guard let bytes = r[Metric.bytes]?.value, let seconds = r[Metric.kernelSeconds]?.value else { return nil }
            return bytes / seconds / 1e9
        }.max() ?? .nan
        let errors = records.trial(.gemvError)
        errorPoints = errors.compactMap { r in
            guard let bits = r[Metric.bitsPerWeight]?.value, let error = r[Metric.relativeError]?.value,
                  let rows = r[Parameter.rows]?.numberValue, let columns = r[Parameter.columns]?.numberValue else { return nil }
            return ErrorPoint(rows: Int(rows), columns: Int(columns), weights: r[Parameter.weights]?.description ?? "",
                              bitsPerWeight: bits, relativeError: error)
        }
        var rows: [Row] = []
        for shape in records.trial(.gemv).grouped(by: [Parameter.rows, .columns, .cache]) {
            let cache = shape[Parameter.cache]?.description ?? "warm"
            let comparison = try BaselineComparison(
                shape.records, parameter: Parameter.weights, baseline: "fp32", measurement: Metric.kernelSeconds, invert: true,
                seed: seed)
            let order = ["fp32", "bf16", "int8", "w8a8", "int4", "w4a8"]
            for group in shape.records.grouped(by: [Parameter.weights]).sorted(by: {
                (order.firstIndex(of: $0[Parameter.weights]!.description) ?? 9)
                    < (order.firstIndex(of: $1[Parameter.weights]!.description) ?? 9)
            }) {
                let weights = group[Parameter.weights]!
                let bytes = group.records[0][Metric.weightBytes]!.value
                let seconds = group.values(of: Metric.kernelSeconds).medianConfidenceInterval(seed: seed)
                let gbps = bytes / seconds.estimate / 1e9
                let error = errors.matching([Parameter.rows: shape[Parameter.rows]!, .columns: shape[Parameter.columns]!, .weights: weights])
                rows.append(Row(
                    rows: Int(shape[Parameter.rows]!.numberValue!), columns: Int(shape[Parameter.columns]!.numberValue!),
                    weights: weights.description, cache: cache, kernel: group.records[0][Parameter.kernel]?.description ?? "",
                    instructionPath: group.records[0][Parameter.instructionPath]?.description ?? "",
                    weightBytes: bytes, seconds: seconds, gigabytesPerSecond: gbps,
                    bandwidthShare: gbps / readBandwidth, speedup: comparison[weights]!.ratio,
                    relativeError: error.first?[Metric.relativeError]?.value ?? .nan))
            }
        }
        self.rows = rows
    }

    /// The row of one shape, weight format and cache state.
    public func row(rows r: Int, columns c: Int, weights: String, cache: String = "warm") -> Row? {
        rows.first { $0.rows == r && $0.columns == c && $0.weights == weights && $0.cache == cache }
    }

    /// The error point of one shape and format.
    public func errorPoint(rows r: Int, columns c: Int, weights: String) -> ErrorPoint? {
        errorPoints.first { $0.rows == r && $0.columns == c && $0.weights == weights }
    }

    /// Whether the run timed GEMVs with evicted weights.
    public var hasCold: Bool { rows.contains { $0.cache == "cold" } }
}
