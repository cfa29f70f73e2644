public import Records

private typealias Parameter = LinregSchema.Parameter
private typealias Metric = LinregSchema.Metric

/// The numbers of the `linreg` chapter, computed from its trial records alone.
///
/// Every comparison of quantized models uses one statistic, `PairedChange`: the median over
/// folds of the per-fold change of test RMSE against the FP64 fit of the same fold, with its
/// 95 % percentile-bootstrap interval over folds (seeded, so the same records give the same
/// intervals). The arithmetic family reports medians over synthetic problems.
public enum LinregAnalysis {
    /// The change of the trials matching `candidate` against the FP64 fit (`ptq-weights`,
    /// format `fp64`) of the same (dataset, repeat, fold), seeds averaged within a fold; `nil`
    /// when no candidate has a baseline or a finite RMSE.
    /// - Parameters:
    ///   - records: every record of the section (candidates and baselines are both found here).
    ///   - candidate: parameters the candidate trials match, e.g.
    ///     `LinregSchema.parameters(.ptqWeights, [.dataset: "diabetes", .format: "int8", .symmetric: true])`.
    ///   - measurement: the candidate's RMSE compared with the FP64 fit's test RMSE: `testRMSE`
    ///     by default, or `clipOnlyRMSE` (the same QAT model with its inputs clipped, not rounded).
    public static func change(
        _ records: [TrialRecord], candidate: [LinregSchema.Parameter: ParameterValue],
        measurement: LinregSchema.Metric = .testRMSE
    ) -> PairedChange? {
        var baseline: [PairedChange.Fold: Double] = [:]
        for r in records.matching(LinregSchema.parameters(.ptqWeights, [.format: "fp64"])) {
            baseline[fold(r)] = r[Metric.testRMSE]?.value
        }
        var ratios: [PairedChange.Fold: [Double]] = [:]
        for r in records.matching(candidate) {
            let key = fold(r)
            guard let v = r[measurement]?.value, v.isFinite, let b = baseline[key], b > 0 else { continue }
            ratios[key, default: []].append(v / b - 1)
        }
        guard !ratios.isEmpty else { return nil }
        return PairedChange(perFold: ratios.mapValues { $0.reduce(0, +) / Double($0.count) })
    }

    /// Test error against bits per dataset, targets and method, from the `qat` family.
    /// - Returns: points ordered by dataset, targets, method, bits.
    public static func errorAgainstBits(_ records: [TrialRecord]) -> [BitsErrorPoint] {
        let quantized = LinregSchema.records(.qat, in: records).filter { $0[Parameter.method] != "fp32" }
        return quantized.grouped(by: [Parameter.dataset, .targets, .method, .bits]).compactMap { group in
            guard let dataset = group[Parameter.dataset], let targets = group[Parameter.targets],
                  let method = group[Parameter.method], let bits = group[Parameter.bits],
                  let change = change(records, candidate: LinregSchema.parameters(.qat, [
                      .dataset: dataset, .targets: targets, .method: method, .bits: bits,
                  ]))
            else { return nil }
            let epochs = group.values(of: Metric.bestEpoch), clipped = group.values(of: Metric.inputClipFraction)
            let filter = LinregSchema.parameters(.qat, [.dataset: dataset, .targets: targets, .method: method, .bits: bits])
            return BitsErrorPoint(
                dataset: dataset.description, method: method.description, targets: targets.description,
                bits: Int(bits.numberValue ?? 0), change: change,
                clipOnlyChange: LinregAnalysis.change(records, candidate: filter, measurement: .clipOnlyRMSE),
                medianClipFraction: clipped.isEmpty ? nil : clipped.median(),
                medianBestEpoch: epochs.isEmpty ? 0 : epochs.median(), count: group.records.count)
        }
    }

    /// The QAT training curves (`qat-epoch`), ordered by dataset, targets, method, bits, epoch.
    public static func trainingCurves(_ records: [TrialRecord]) -> [TrainingCurvePoint] {
        LinregSchema.records(.qatEpoch, in: records).grouped(by: [Parameter.dataset, .targets, .method, .bits, .epoch])
            .compactMap { group in
                guard let r = group.records.first, let train = r[Metric.trainLoss]?.value,
                      let validation = r[Metric.validationLoss]?.value else { return nil }
                return TrainingCurvePoint(
                    dataset: group[Parameter.dataset]?.description ?? "", method: group[Parameter.method]?.description ?? "",
                    targets: group[Parameter.targets]?.description ?? "", bits: Int(group[Parameter.bits]?.numberValue ?? 0),
                    epoch: Int(group[Parameter.epoch]?.numberValue ?? 0), trainLoss: train, validationLoss: validation,
                    learningRate: r[Metric.learningRate]?.value ?? .nan)
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

    /// The weight-quantization configurations of each bit width and dataset, ranked by their
    /// change against the FP64 fit: PTQ formats of that width (`ptq-weights`: INT b symmetric or
    /// asymmetric, FP8 E4M3 at 8, NF4 at 4) and QAT of weights at that width (`qat`, targets
    /// `weights`, methods `qat-ste` and `qat-lsq`).
    /// - Returns: one comparison per (dataset, bits), ordered by dataset, then bits descending.
    public static func bitsComparisons(_ records: [TrialRecord]) -> [BitsComparison] {
        var labels: [String: [String: [LinregSchema.Parameter: ParameterValue]]] = [:]  // "dataset|bits" → label → filter
        for r in LinregSchema.records(.ptqWeights, in: records) {
            guard let dataset = r[Parameter.dataset], let bits = r[Parameter.bits], let format = r[Parameter.format],
                  format != "fp64", let symmetric = r[Parameter.symmetric] else { continue }
            var label = "ptq \(format)"
            var filter: [LinregSchema.Parameter: ParameterValue] = [.dataset: dataset, .format: format]
            if format.description.hasPrefix("int") {
                label += symmetric == .bool(true) ? " symmetric" : " asymmetric"
                filter[.symmetric] = symmetric
            }
            labels["\(dataset)|\(bits)", default: [:]][label] = LinregSchema.parameters(.ptqWeights, filter)
        }
        for r in records.matching(LinregSchema.parameters(.qat, [.targets: "weights"])) {
            guard let dataset = r[Parameter.dataset], let bits = r[Parameter.bits], let method = r[Parameter.method],
                  method.description.hasPrefix("qat") else { continue }
            labels["\(dataset)|\(bits)", default: [:]][method.description] = LinregSchema.parameters(
                .qat, [.dataset: dataset, .targets: "weights", .method: method, .bits: bits])
        }
        let comparisons = labels.compactMap { key, filters -> BitsComparison? in
            let parts = key.split(separator: "|").map(String.init)
            guard let bits = Int(parts[1]) else { return nil }
            let changes = filters.compactMap { label, filter in change(records, candidate: filter).map { (label, $0) } }
                .sorted { ($0.1.change.estimate, $0.0) < ($1.1.change.estimate, $1.0) }
            guard let lowest = changes.first?.1 else { return nil }
            let candidates = changes.enumerated().map { i, c in
                BitsComparison.Candidate(configuration: c.0, change: c.1, differenceToLowest: i == 0 ? nil : c.1.difference(to: lowest))
            }
            return BitsComparison(dataset: parts[0], bits: bits, candidates: candidates)
        }
        return comparisons.sorted { ($0.dataset, -$0.bits) < ($1.dataset, -$1.bits) }
    }

    /// The identity of a trial's fold: (dataset, repeat, fold) as stored.
    private static func fold(_ r: TrialRecord) -> PairedChange.Fold {
        [r[Parameter.dataset], r[Parameter.repeatIndex], r[Parameter.fold]].map { $0?.description ?? "" }
    }
}
