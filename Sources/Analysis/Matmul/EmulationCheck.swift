import Records

/// The sanity check of an emulated format's timing: it runs the FP32 kernel plus conversions,
/// so it cannot be faster than oneDNN's FP32 beyond noise. A ratio whose whole 95 % interval
/// lies above `tolerance` means the measurement is wrong (e.g. a machine state that changed
/// between the formats' repeats), and the chapter says so instead of reporting it.
///
/// The margin of 5 % covers what a bootstrap interval of one run cannot: effects that repeat in
/// every round, such as where a kernel's buffers landed in memory. The final full run showed
/// the same FP32 kernel 1–4 % faster on rounded inputs at several sizes, intervals excluding 1.
public struct EmulationCheck: Sendable {
    /// One emulated format found faster than its own kernel.
    public struct Anomaly: Sendable, Equatable {
        /// The format, in the records' spelling.
        public let format: String
        /// The size n.
        public let size: Int
        /// Which time.
        public let kind: MatmulSpeedCurve.Kind
        /// oneDNN FP32 median over the format's median, with its interval (lower bound > `tolerance`).
        public let ratio: ConfidenceInterval

        public static func == (a: Anomaly, b: Anomaly) -> Bool {
            a.format == b.format && a.size == b.size && a.kind == b.kind
        }
    }

    /// How much faster than its FP32 kernel an emulated format may come out before it is flagged.
    public static let tolerance = 1.05

    /// Every anomaly, by kind, format and size.
    public let anomalies: [Anomaly]

    /// Checks every emulated format's kernel, end-to-end and per-call ratio against oneDNN FP32.
    /// - Throws: `AnalysisError.missingBaseline` when a timed size has no FP32 timing.
    public init(_ records: MatmulRecords, seed: UInt64 = Bootstrap.defaultSeed) throws(AnalysisError) {
        var found: [Anomaly] = []
        for kind in MatmulSpeedCurve.Kind.allCases {
            for curve in try MatmulSpeedCurve.curves(records, kind: kind, baseline: .oneDNNFP32, seed: seed) where curve.emulated {
                for p in curve.points where p.ratio.hasInterval && p.ratio.lower > Self.tolerance {
                    found.append(Anomaly(format: curve.format, size: p.size, kind: kind, ratio: p.ratio))
                }
            }
        }
        anomalies = found
    }

    /// Whether every emulated timing passed.
    public var passed: Bool { anomalies.isEmpty }
}
