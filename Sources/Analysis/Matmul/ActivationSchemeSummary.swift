import Records

private typealias Parameter = MatmulSchema.Parameter
private typealias Metric = MatmulSchema.Metric

/// The INT8 activation schemes for outliers (`gemm-scheme` records) at one size and
/// distribution: product error, damage to the ordinary entries of A, and LLM.int8's FP32 share.
public struct ActivationSchemeSummary: Sendable {
    /// One scheme's row.
    public struct Row: Sendable {
        /// The scheme (`per-tensor`, `static-mse`, `smoothquant`, …).
        public let scheme: String
        /// SmoothQuant's α, `nil` for the other schemes.
        public let alpha: Double?
        /// ‖C₆₄ − Ĉ‖_F / ‖C₆₄‖_F.
        public let relativeError: Double
        /// ‖A_in − Â_in‖ / ‖A_in‖ over the non-outlier entries of A.
        public let inlierError: Double
        /// LLM.int8's share of A's columns kept in FP32, `nil` for the other schemes.
        public let keptColumnShare: Double?
    }

    /// The distribution (`normal`, `outliers`, `channels`).
    public let distribution: String
    /// The size n.
    public let size: Int
    /// Rows in run order.
    public let rows: [Row]

    /// The sizes with scheme records, increasing.
    public static func sizes(_ records: MatmulRecords) -> [Int] {
        Set(records.trial(.gemmScheme).compactMap { $0[Parameter.size]?.numberValue.map { Int($0) } }).sorted()
    }

    /// The summary of `distribution` at `size`; `nil` when the run has no such records.
    public init?(_ records: MatmulRecords, distribution: String, size: Int) {
        let mine = records.trial(.gemmScheme).matching([Parameter.distribution: .string(distribution), .size: .int(size)])
        guard !mine.isEmpty else { return nil }
        self.distribution = distribution
        self.size = size
        rows = mine.map { r in
            Row(scheme: r[Parameter.scheme]!.description, alpha: r[Parameter.alpha]?.numberValue,
                relativeError: r[Metric.relativeError]!.value, inlierError: r[Metric.inlierRelativeError]!.value,
                keptColumnShare: r[Metric.keptColumnShare]?.value)
        }
    }

    /// The row of `scheme` (for SmoothQuant, at `alpha`).
    public func row(_ scheme: String, alpha: Double? = nil) -> Row? {
        rows.first { $0.scheme == scheme && (alpha == nil || $0.alpha == alpha) }
    }

    /// SmoothQuant's rows by increasing α.
    public var smoothQuantSweep: [Row] { rows.filter { $0.scheme == "smoothquant" }.sorted { ($0.alpha ?? 0) < ($1.alpha ?? 0) } }

    /// The row with the lowest product error.
    public var best: Row? { rows.min { $0.relativeError < $1.relativeError } }
}
