public import Records

private typealias Parameter = LinregSchema.Parameter
private typealias Metric = LinregSchema.Metric

/// The numbers of the `linreg` chapter, computed from its trial records alone.
///
/// Medians with 95 % percentile-bootstrap intervals (`medianConfidenceInterval`, seeded, so
/// the same records give the same intervals) over folds, repeats and seeds.
public enum LinregAnalysis {
    /// Test error against bits per dataset: PTQ against QAT (STE, LSQ), from the `qat` family.
    ///
    /// The relative error divides each trial's RMSE by the FP32 model's RMSE on the same
    /// (dataset, repeat, fold), so fold-to-fold differences in difficulty cancel.
    /// - Returns: points ordered by dataset, targets, method, bits.
    public static func errorAgainstBits(_ records: [TrialRecord]) -> [BitsErrorPoint] {
        let qat = LinregSchema.records(.qat, in: records)
        let quantized = qat.filter { $0[Parameter.method] != "fp32" }
        return quantized.grouped(by: [Parameter.dataset, .targets, .method, .bits]).compactMap { group in
            let rmse = group.values(of: Metric.testRMSE)
            guard !rmse.isEmpty, let bits = group[Parameter.bits]?.numberValue,
                  let relative = medianRatio(group.records, candidate: [:], baseline: [.method: "fp32"], pool: qat)
            else { return nil }
            return BitsErrorPoint(
                dataset: group[Parameter.dataset]?.description ?? "", method: group[Parameter.method]?.description ?? "",
                targets: group[Parameter.targets]?.description ?? "", bits: Int(bits),
                medianRMSE: rmse.median(), relativeToFP32: relative, count: rmse.count)
        }
    }

    /// Coefficient error against the condition number, per arithmetic and solver, from the
    /// `arithmetic` family.
    /// - Returns: points ordered by arithmetic, solver, κ.
    public static func coefficientErrorAgainstKappa(_ records: [TrialRecord]) -> [KappaErrorPoint] {
        LinregSchema.records(.arithmetic, in: records).grouped(by: [Parameter.arithmetic, .solver, .kappa]).map { group in
            let ok = group.records.filter { $0[Metric.failed]?.value == 0 }
            let errors = ok.values(of: Metric.coefficientError), rmse = ok.values(of: Metric.testRMSE)
            return KappaErrorPoint(
                arithmetic: group[Parameter.arithmetic]?.description ?? "", solver: group[Parameter.solver]?.description ?? "",
                emulated: group.records.first?[Parameter.emulated] == .bool(true),
                kappa: group[Parameter.kappa]?.numberValue ?? .nan,
                medianCoefficientError: errors.isEmpty ? .nan : errors.median(),
                medianTestRMSE: rmse.isEmpty ? .nan : rmse.median(),
                failures: group.records.count - ok.count, count: group.records.count)
        }
    }

    /// The best weight-quantization configuration per bit width and dataset: the lowest median
    /// test RMSE among PTQ formats of that width (`ptq-weights`: INT b symmetric or asymmetric,
    /// FP8 E4M3 at 8, NF4 at 4) and QAT of weights at that width (`qat`, targets `weights`).
    /// - Returns: one entry per (dataset, bits), ordered by dataset, then bits descending.
    public static func bestConfigurations(_ records: [TrialRecord]) -> [BestConfiguration] {
        var candidates: [String: [String: [Double]]] = [:]  // "dataset|bits" → label → RMSEs
        var baselines: [String: [Double]] = [:]
        var units: [String: String] = [:]
        for r in LinregSchema.records(.ptqWeights, in: records) {
            guard let dataset = r[Parameter.dataset]?.description, let bits = r[Parameter.bits]?.description,
                  let format = r[Parameter.format]?.description, let rmse = r[Metric.testRMSE] else { continue }
            units[dataset] = rmse.unit
            if format == "fp64" {
                baselines[dataset, default: []].append(rmse.value)
                continue
            }
            var label = "ptq \(format)"
            if format.hasPrefix("int") { label += r[Parameter.symmetric] == .bool(true) ? " symmetric" : " asymmetric" }
            candidates["\(dataset)|\(bits)", default: [:]][label, default: []].append(rmse.value)
        }
        for r in records.matching(LinregSchema.parameters(.qat, [.targets: "weights"])) {
            guard let dataset = r[Parameter.dataset]?.description, let bits = r[Parameter.bits]?.description,
                  let method = r[Parameter.method]?.description, method.hasPrefix("qat"),
                  let rmse = r[Metric.testRMSE]?.value else { continue }
            candidates["\(dataset)|\(bits)", default: [:]][method, default: []].append(rmse)
        }
        let best = candidates.compactMap { key, labels -> BestConfiguration? in
            let parts = key.split(separator: "|").map(String.init)
            guard let bits = Int(parts[1]),
                  let (label, values) = labels.filter({ !$0.value.isEmpty })
                      .min(by: { ($0.value.median(), $0.key) < ($1.value.median(), $1.key) })
            else { return nil }
            return BestConfiguration(
                dataset: parts[0], bits: bits, configuration: label, rmse: values.medianConfidenceInterval(),
                baselineRMSE: baselines[parts[0]].map { $0.median() } ?? .nan, unit: units[parts[0]] ?? "")
        }
        return best.sorted { ($0.dataset, -$0.bits) < ($1.dataset, -$1.bits) }
    }

    /// The median over folds of RMSE(candidate) / RMSE(baseline), each candidate trial paired
    /// with the baseline trial of the same (dataset, repeat, fold), with its 95 % bootstrap
    /// interval; `nil` when no candidate has a baseline.
    /// - Parameters:
    ///   - candidate: parameters the candidate trials match, e.g.
    ///     `LinregSchema.parameters(.ptqWeights, [.format: "int8", .symmetric: true])`.
    ///   - baseline: parameters the baseline trials match, e.g.
    ///     `LinregSchema.parameters(.ptqWeights, [.format: "fp64"])`.
    ///   - measurement: the measurement compared, test RMSE by default.
    public static func medianRatio(
        _ records: [TrialRecord], candidate: [LinregSchema.Parameter: ParameterValue],
        baseline: [LinregSchema.Parameter: ParameterValue], measurement: LinregSchema.Metric = .testRMSE
    ) -> ConfidenceInterval? {
        medianRatio(records, candidate: candidate, baseline: baseline, pool: records, measurement: measurement)
    }

    /// `medianRatio` with candidates from `records` and baselines from `pool`.
    public static func medianRatio(
        _ records: [TrialRecord], candidate: [LinregSchema.Parameter: ParameterValue],
        baseline: [LinregSchema.Parameter: ParameterValue], pool: [TrialRecord], measurement: LinregSchema.Metric = .testRMSE
    ) -> ConfidenceInterval? {
        let r = ratios(records, candidate: candidate, baseline: baseline, pool: pool, measurement: measurement)
        return r.isEmpty ? nil : r.medianConfidenceInterval()
    }

    /// Every candidate's RMSE(candidate) / RMSE(baseline), paired by (dataset, repeat, fold),
    /// with candidates from `records` and baselines from `pool`: for callers that need only the
    /// median, which costs no bootstrap.
    public static func ratios(
        _ records: [TrialRecord], candidate: [LinregSchema.Parameter: ParameterValue],
        baseline: [LinregSchema.Parameter: ParameterValue], pool: [TrialRecord], measurement: LinregSchema.Metric = .testRMSE
    ) -> [Double] {
        var reference: [[ParameterValue?]: Double] = [:]
        for r in pool.matching(baseline) { reference[foldKey(r)] = r[measurement]?.value }
        return records.matching(candidate).compactMap { r -> Double? in
            guard let v = r[measurement]?.value, let b = reference[foldKey(r)] else { return nil }
            return v / b
        }
    }

    /// The identity of a trial's fold: (dataset, repeat, fold).
    private static func foldKey(_ r: TrialRecord) -> [ParameterValue?] {
        [r[Parameter.dataset], r[Parameter.repeatIndex], r[Parameter.fold]]
    }
}
