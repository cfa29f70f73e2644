public import Records

private typealias Parameter = MatmulSchema.Parameter

/// One format's time against the FP32 baseline as the size grows, kernel-only or end to end.
///
/// ```
/// ratio(n) = median t_FP32(n) / median t_format(n)     (same run, 95 % bootstrap interval)
/// ```
/// A ratio above 1 is a speedup for a native format. For an emulated format (FP16, FP8) the
/// same ratio is only a *relative speed*: its product is the FP32 kernel plus conversions, so
/// it is never called a speedup (`isSpeedup` is false and charts mark it).
public struct MatmulSpeedCurve: Sendable {
    /// Which time is compared.
    public enum Kind: String, Sendable, CaseIterable {
        /// The kernel alone (`kernel_seconds`).
        case kernel
        /// Quantize inputs + kernel + dequantize output (`end_to_end_seconds`).
        case endToEnd = "end-to-end"

        /// The measurement compared.
        public var measurement: MatmulSchema.Metric { self == .kernel ? .kernelSeconds : .endToEndSeconds }
    }

    /// One size's comparison.
    public struct Point: Sendable {
        /// The size n.
        public let size: Int
        /// Median seconds of the format with its bootstrap interval.
        public let seconds: ConfidenceInterval
        /// FP32 median over this format's median, with its bootstrap interval.
        public let ratio: ConfidenceInterval
    }

    /// The format compared with FP32.
    public let format: String
    /// Kernel-only or end to end.
    public let kind: Kind
    /// Whether the format is emulated: its ratio is a relative speed, not a speedup.
    public let emulated: Bool
    /// Whether the ratio may be called a speedup (native formats only).
    public var isSpeedup: Bool { !emulated }
    /// Points by increasing size (sizes where the format was timed).
    public let points: [Point]

    /// The curves of every timed format except the FP32 baseline itself, in run order.
    /// - Throws: `AnalysisError.missingBaseline` when a size has no FP32 timing.
    public static func curves(
        _ records: MatmulRecords, kind: Kind, baseline: String = "fp32", seed: UInt64 = Bootstrap.defaultSeed
    ) throws(AnalysisError) -> [MatmulSpeedCurve] {
        let timings = records.trial(.gemmTime)
        var points: [String: [Point]] = [:]
        for size in records.timedSizes {
            let atSize = timings.matching([Parameter.size: .int(size)])
            let comparison = try BaselineComparison(
                atSize, parameter: Parameter.format, baseline: .string(baseline), measurement: kind.measurement,
                invert: true, seed: seed)
            for entry in comparison.entries {
                let format = entry.label.description
                let seconds = atSize.matching([Parameter.format: entry.label]).values(of: kind.measurement)
                points[format, default: []].append(Point(
                    size: size, seconds: seconds.medianConfidenceInterval(seed: seed), ratio: entry.ratio))
            }
        }
        return records.formats.filter { $0 != baseline && points[$0] != nil }.map { format in
            MatmulSpeedCurve(format: format, kind: kind, emulated: records.isEmulated(format), points: points[format]!)
        }
    }

    /// The point at `size`, if timed.
    public subscript(size size: Int) -> Point? { points.first { $0.size == size } }
}
