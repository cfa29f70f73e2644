public import Records

/// Ratios of a measurement's median for each group against a named baseline group, with
/// bootstrap intervals (see `RatioInterval`): speedups against FP32, error relative to FP32, …
public struct BaselineComparison: Sendable {
    /// One group's ratio against the baseline.
    public struct Entry: Sendable {
        /// The value of the compared parameter for this group, e.g. `int8`.
        public let label: ParameterValue
        /// `median(group) / median(baseline)` (or the inverse when `invert` was set).
        public let ratio: ConfidenceInterval
    }

    /// The baseline label, e.g. `fp32`.
    public let baseline: ParameterValue
    /// One entry per group including the baseline (whose ratio is exactly 1), ordered by label.
    public let entries: [Entry]

    /// Compares `measurement` across the values of `parameter` against `baseline`.
    /// - Parameters:
    ///   - records: the trials, already restricted to one setting of every other parameter.
    ///   - parameter: the parameter that names the variants, e.g. `MatmulSchema.Parameter.format`.
    ///   - baseline: its value for the baseline, e.g. `"fp32"`.
    ///   - measurement: the measurement to compare, e.g. `MatmulSchema.Metric.kernelSeconds`.
    ///   - invert: `true` for speedups, baseline / group (a time half the baseline's gives 2×).
    ///   - seed: the bootstrap seed.
    /// - Throws: `AnalysisError.missingBaseline` when no record has the baseline value.
    public init<P: ParameterKey, M: MeasurementKey>(
        _ records: [TrialRecord], parameter: P, baseline: ParameterValue, measurement: M,
        invert: Bool = false, seed: UInt64 = Bootstrap.defaultSeed
    ) throws(AnalysisError) {
        let groups = records.grouped(by: [parameter]).filter { $0[parameter] != nil }
        guard let base = groups.first(where: { $0[parameter] == baseline })?.values(of: measurement),
              !base.isEmpty
        else {
            throw .missingBaseline(parameter: parameter.rawValue, value: baseline.description, measurement: measurement.rawValue)
        }
        self.baseline = baseline
        entries = groups.compactMap { group in
            let values = group.values(of: measurement)
            guard !values.isEmpty else { return nil }
            let ratio = invert
                ? RatioInterval.ofMedians(base, over: values, seed: seed)
                : RatioInterval.ofMedians(values, over: base, seed: seed)
            return Entry(label: group[parameter]!, ratio: ratio)
        }
    }

    /// The entry for `label`, if present.
    public subscript(label: ParameterValue) -> Entry? { entries.first { $0.label == label } }
}
