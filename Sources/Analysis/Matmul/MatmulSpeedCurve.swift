public import Records

private typealias Parameter = MatmulSchema.Parameter

/// One format's time against an FP32 baseline as the size grows: kernel only, end to end, or
/// per call with the weights prepared once.
///
/// ```
/// ratio(n) = median t_baseline(n) / median t_format(n)     (same run, 95 % bootstrap interval)
/// ```
/// The baseline at each size is the fastest FP32 path measured there (oneDNN's or OpenBLAS's,
/// by the median of the same kind of time), so a format is never credited with beating a slow
/// FP32: at n ≤ 100 OpenBLAS's FP32 is many times faster end to end than oneDNN's, whose
/// primitive and reorder overheads dominate small products. `.oneDNNFP32` compares with the
/// FP32 kernel the emulated formats run on instead.
///
/// A ratio above 1 is a speedup for a native format. For an emulated format (FP16, FP8) the
/// same ratio is only a *relative speed*: its product is the FP32 kernel plus conversions, so
/// it is never called a speedup (`isSpeedup` is false and charts mark it).
public struct MatmulSpeedCurve: Sendable {
    /// Which time is compared.
    public enum Kind: String, Sendable, CaseIterable {
        /// The kernel alone (`kernel_seconds`).
        case kernel
        /// Both inputs converted + kernel + read-out (`end_to_end_seconds`): a one-off product.
        case endToEnd = "end-to-end"
        /// New A converted + kernel + read-out, B (the weights) converted once beforehand
        /// (`per_call_seconds`): what a deployed layer pays per call.
        case perCall = "per-call"

        /// The measurement compared.
        public var measurement: MatmulSchema.Metric {
            switch self {
            case .kernel: .kernelSeconds
            case .endToEnd: .endToEndSeconds
            case .perCall: .perCallSeconds
            }
        }
    }

    /// What each format is compared with.
    public enum Baseline: Sendable {
        /// At each size, the faster of oneDNN's and OpenBLAS's FP32 (by this kind's median).
        case fastestFP32
        /// oneDNN's FP32 matmul: the kernel the emulated formats run on.
        case oneDNNFP32
    }

    /// The FP32 formats a baseline may be, in the records' spelling.
    public static let fp32Formats = ["fp32", "openblas-fp32"]

    /// One size's comparison.
    public struct Point: Sendable {
        /// The size n.
        public let size: Int
        /// Median seconds of the format with its bootstrap interval.
        public let seconds: ConfidenceInterval
        /// Baseline median over this format's median, with its bootstrap interval.
        public let ratio: ConfidenceInterval
        /// The baseline format at this size (`fp32` or `openblas-fp32`).
        public let baseline: String
    }

    /// The format compared with FP32.
    public let format: String
    /// Kernel-only, end to end or per call.
    public let kind: Kind
    /// Whether the format is emulated: its ratio is a relative speed, not a speedup.
    public let emulated: Bool
    /// Whether the ratio may be called a speedup (native formats only).
    public var isSpeedup: Bool { !emulated }
    /// Points by increasing size (sizes where the format was timed).
    public let points: [Point]

    /// The curves of every timed format, in run order; without the baseline's candidates
    /// unless `includingBaselines`.
    /// - Throws: `AnalysisError.missingBaseline` when a timed size has no oneDNN FP32 timing.
    public static func curves(
        _ records: MatmulRecords, kind: Kind, baseline: Baseline = .fastestFP32, includingBaselines: Bool = false,
        seed: UInt64 = Bootstrap.defaultSeed
    ) throws(AnalysisError) -> [MatmulSpeedCurve] {
        let timings = records.trial(.gemmTime)
        // Runs recorded before a kind of time existed (per call) have no curve of it.
        guard timings.contains(where: { $0[kind.measurement] != nil }) else { return [] }
        var points: [String: [Point]] = [:]
        for size in records.timedSizes {
            let atSize = timings.matching([Parameter.size: .int(size)])
            let base = try baselineFormat(atSize, kind: kind, baseline: baseline)
            let comparison = try BaselineComparison(
                atSize, parameter: Parameter.format, baseline: .string(base), measurement: kind.measurement,
                invert: true, seed: seed)
            for entry in comparison.entries {
                let format = entry.label.description
                let seconds = atSize.matching([Parameter.format: entry.label]).values(of: kind.measurement)
                points[format, default: []].append(Point(
                    size: size, seconds: seconds.medianConfidenceInterval(seed: seed), ratio: entry.ratio, baseline: base))
            }
        }
        let excluded = includingBaselines ? [] : baseline == .fastestFP32 ? fp32Formats : ["fp32"]
        return records.formats.filter { !excluded.contains($0) && points[$0] != nil }.map { format in
            MatmulSpeedCurve(format: format, kind: kind, emulated: records.isEmulated(format), points: points[format]!)
        }
    }

    /// The baseline format among one size's timings.
    private static func baselineFormat(_ atSize: [TrialRecord], kind: Kind, baseline: Baseline) throws(AnalysisError) -> String {
        let oneDNN = atSize.matching([Parameter.format: "fp32"]).values(of: kind.measurement)
        guard !oneDNN.isEmpty else {
            throw .missingBaseline(parameter: Parameter.format.rawValue, value: "fp32", measurement: kind.measurement.rawValue)
        }
        guard baseline == .fastestFP32 else { return "fp32" }
        let openBLAS = atSize.matching([Parameter.format: "openblas-fp32"]).values(of: kind.measurement)
        return !openBLAS.isEmpty && openBLAS.median() < oneDNN.median() ? "openblas-fp32" : "fp32"
    }

    /// The point at `size`, if timed.
    public subscript(size size: Int) -> Point? { points.first { $0.size == size } }
}
