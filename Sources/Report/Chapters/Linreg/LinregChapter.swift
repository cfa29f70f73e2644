import Analysis
public import Records

/// The `linreg` chapter: linear regression under quantized training arithmetic, weights and
/// inputs, and PTQ against QAT, from the `linreg` section's records (`LinregAnalysis`).
///
/// Every comparison of quantized models is one statistic, `PairedChange` (the median over folds
/// of the per-fold change of test RMSE against the FP64 fit, with its 95 % bootstrap interval):
/// Tables 11–13, the bits figure and the sentences all print it, and a configuration is called
/// better or worse only when its interval (or the paired interval of a difference) excludes 0.
public struct LinregChapter: ChapterBuilder {
    /// The builder.
    public init() {}

    /// `LinregSchema.section`.
    public var section: String { LinregSchema.section }
    /// The findings this chapter may contribute to the pros-and-cons chapter.
    public var findingNames: [String] { ["linreg_int8", "linreg_qat", "linreg_arithmetic", "linreg_two_bits"] }

    /// The datasets in chapter order, with display names.
    static let datasets = [("diabetes", "Diabetes"), ("autompg", "Auto MPG")]
    /// The QAT targets in chapter order, with display names.
    static let targets = [("weights", "weights"), ("weights+inputs", "weights and inputs (per tensor)"),
                          ("weights+inputs-per-feature", "weights and inputs (per feature)")]
    /// The QAT methods in chapter order, with display names.
    static let methods = [("ptq", "PTQ"), ("qat-ste", "QAT (STE)"), ("qat-lsq", "QAT (LSQ)")]

    /// The chapter from the section's records.
    /// - Throws: `ChapterError` when the records lack what the chapter needs.
    public func build(_ records: [TrialRecord]) throws -> ChapterOutput {
        var values: [String: TemplateValue] = [:]
        var findings: [String: TemplateValue] = [:]
        let kappas = try setupValues(records, into: &values)  // not empty
        let kappaPoints = LinregAnalysis.coefficientErrorAgainstKappa(records)
        try arithmeticValues(kappaPoints, kappas: kappas, into: &values, findings: &findings)
        let weights = try weightRows(records)
        try weightValues(weights, records: records, into: &values, findings: &findings)
        let inputs = try inputRows(records)
        try inputValues(inputs, into: &values)
        let bitsPoints = LinregAnalysis.errorAgainstBits(records)
        let comparisons = LinregAnalysis.bitsComparisons(records)
        let curves = LinregAnalysis.trainingCurves(records)
        try qatValues(bitsPoints, comparisons: comparisons, curves: curves, into: &values, findings: &findings)

        let tables = [
            CaptionedTable(label: "linreg-arithmetic", caption: "Median coefficient error $\\lVert \\hat{w} - w_{\\text{QR}} \\rVert / \\lVert w_{\\text{QR}} \\rVert$ against the FP64 QR fit (LAPACK), per solver, arithmetic and condition number; “fails k/n” counts fits whose Cholesky factorisation met a non-positive pivot or whose coefficients are not finite. QR is Householder's in the arithmetic shown; refinement starts from that QR, computes residuals in FP32 and keeps a step only when it lowers $\\lVert X^\\top (y - Xw) \\rVert_\\infty$. FP16 and BF16 are emulated (every operation rounded).", table: try arithmeticTable(kappaPoints, kappas: kappas)),
            CaptionedTable(label: "linreg-ptq", caption: "Weight PTQ of the FP64 fit: change of test RMSE against the unquantized fit (median over folds of the per-fold change, with its 95 % bootstrap interval over folds, in %), and median coefficient error. The bias stays FP32.", table: try ptqTable(weights)),
            CaptionedTable(label: "linreg-inputs", caption: "Quantized inputs (one range per feature), symmetric and asymmetric grids: change of test RMSE against unquantized inputs (median over folds with its 95 % bootstrap interval, in %), by calibration of the range; static ranges come from the training split, dynamic ones from each batch of test rows.", table: inputsTable(inputs)),
            CaptionedTable(label: "linreg-best", caption: "Weight quantization per bit width: the configuration with the lowest median change of test RMSE among PTQ formats and QAT (STE, LSQ) at that width, with its interval, and the configurations whose paired difference to it has an interval containing 0. A configuration is named best only when no other is indistinguishable from it.", table: bestTable(comparisons)),
        ]
        let charts = [
            ChapterChart(label: "linreg-kappa", chart: try kappaChart(kappaPoints), caption: "Coefficient error against the condition number of $X$, per arithmetic and solver: normal equations, Householder QR, QR with iterative refinement (16-bit arithmetics, FP32 residuals) and gradient descent with a fixed budget. Missing points are fits that failed. FP16 and BF16 are emulated."),
            ChapterChart(label: "linreg-curves", chart: try curvesChart(curves), caption: "QAT training curves on the first fold of each dataset (seed 1, weights only, the lowest bit width): mean batch MSE on the fitting part (solid) and MSE on the held-out validation part (dashed), standardised targets; epoch 0 is the calibrated start (PTQ). The kept iterate is the one with the lowest validation MSE."),
            ChapterChart(label: "linreg-bits", chart: try bitsChart(bitsPoints), caption: "Change of test RMSE against the FP64 fit per bit width (median over folds of the per-fold change, 95 % bootstrap interval over folds): PTQ against QAT with the straight-through estimator and with learned step sizes (LSQ); weights only, and weights with inputs quantized per tensor or per feature."),
        ]
        return ChapterOutput(values: values, charts: charts, tables: tables, findings: findings, decisions: decisions(values))
    }

    /// The change of the trials matching `candidate` (`LinregAnalysis.change`), or a
    /// `ChapterError` naming `what` when there are none.
    func change(_ records: [TrialRecord], _ candidate: [LinregSchema.Parameter: ParameterValue], _ what: String) throws -> PairedChange {
        guard let c = LinregAnalysis.change(records, candidate: candidate) else { throw ChapterError(section: section, "no trials for \(what)") }
        return c
    }

    /// The median of measurement `metric` over `records`.
    func median(_ records: [TrialRecord], _ metric: LinregSchema.Metric) throws -> Double {
        let v = records.values(of: metric)
        guard !v.isEmpty else { throw ChapterError(section: section, "no \(metric.rawValue) values") }
        return v.median()
    }

    /// Display name of a configuration label of `LinregAnalysis.bitsComparisons`:
    /// `PTQ INT4 asymmetric`, `PTQ FP8 E4M3`, `QAT (LSQ)`.
    static func configurationName(_ raw: String) -> String {
        switch raw {
        case "qat-lsq": return "QAT (LSQ)"
        case "qat-ste": return "QAT (STE)"
        default:
            return raw.replacingOccurrences(of: "ptq ", with: "PTQ ")
                .replacingOccurrences(of: "fp8-e4m3", with: "FP8 E4M3")
                .replacingOccurrences(of: "nf4", with: "NF4")
                .replacingOccurrences(of: "int", with: "INT")
        }
    }

    /// Display name of an arithmetic: `FP16 (FP32 acc.)` for `fp16-acc32`.
    static func arithmeticName(_ raw: String) -> String {
        raw.hasSuffix("-acc32") ? raw.replacingOccurrences(of: "-acc32", with: "").uppercased() + " (FP32 acc.)" : raw.uppercased()
    }

    /// `+0.53 [0.21, 0.80]`: a change in % with its interval.
    static func percentWithInterval(_ interval: ConfidenceInterval) -> String {
        func f(_ x: Double) -> String {
            let text = (try? NumberStyle.plain.digits(2).format(100 * x)) ?? "\(100 * x)"
            return x > 0 ? "+" + text : text
        }
        return "\(f(interval.estimate)) [\(f(interval.lower)), \(f(interval.upper))]"
    }

    /// A change as template values: `{{key}}` (the median, %), `{{key_low}}` and `{{key_high}}`
    /// (the ends of its 95 % interval, %).
    static func changeValues(_ key: String, _ change: PairedChange, into values: inout [String: TemplateValue]) {
        // Digits follow the interval's width (`NumberStyle.formatInterval`): no "−0.00672 %" in ±3 %.
        let c = change.change
        if c.hasInterval, let parts = try? NumberStyle.percent.intervalParts(c.estimate, lower: c.lower, upper: c.upper) {
            values[key] = .text(parts.estimate)
            values["\(key)_low"] = .text(parts.lower + " %")
            values["\(key)_high"] = .text(parts.upper + " %")
        } else {
            values[key] = .number(c.estimate, .percent)
            values["\(key)_low"] = .number(c.lower, .percent)
            values["\(key)_high"] = .number(c.upper, .percent)
        }
    }
}
