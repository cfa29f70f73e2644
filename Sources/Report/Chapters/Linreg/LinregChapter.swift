import Analysis
public import Records

/// The `linreg` chapter: linear regression under quantized training arithmetic, weights and
/// inputs, and PTQ against QAT, from the `linreg` section's records (`LinregAnalysis`).
public struct LinregChapter: ChapterBuilder {
    /// The builder.
    public init() {}

    /// `LinregSchema.section`.
    public var section: String { LinregSchema.section }
    /// The findings this chapter may contribute to the pros-and-cons chapter.
    public var findingNames: [String] { ["linreg_int8", "linreg_qat", "linreg_arithmetic", "linreg_two_bits"] }

    /// The datasets in chapter order, with display names.
    static let datasets = [("diabetes", "Diabetes"), ("autompg", "Auto MPG")]

    /// The chapter from the section's records.
    /// - Throws: `ChapterError` when the records lack what the chapter needs.
    public func build(_ records: [TrialRecord]) throws -> ChapterOutput {
        var values: [String: TemplateValue] = [:]
        var findings: [String: TemplateValue] = [:]
        let kappas = try setupValues(records, into: &values)  // not empty
        let kappaPoints = LinregAnalysis.coefficientErrorAgainstKappa(records)
        arithmeticValues(kappaPoints, kappaMax: kappas.last!, into: &values, findings: &findings)
        let bitsPoints = LinregAnalysis.errorAgainstBits(records)
        let best = LinregAnalysis.bestConfigurations(records)
        try quantizationValues(records, bitsPoints: bitsPoints, best: best, into: &values, findings: &findings)
        inputValues(records, into: &values)

        let tables = [
            CaptionedTable(label: "linreg-arithmetic", caption: "Median coefficient error $\\lVert \\hat{w} - w_{\\text{QR}} \\rVert / \\lVert w_{\\text{QR}} \\rVert$ of the normal equations against the FP64 QR fit, per arithmetic and condition number; “fails k/n” counts fits whose Cholesky factorisation met a non-positive pivot. FP16 and BF16 are emulated (every operation rounded).", table: try arithmeticTable(kappaPoints, kappas: kappas)),
            CaptionedTable(label: "linreg-ptq", caption: "Weight PTQ of the FP64 fit: median test RMSE change against the unquantized fit, and median coefficient error, over all folds. The bias stays FP32.", table: try ptqTable(records)),
            CaptionedTable(label: "linreg-inputs", caption: "Quantized inputs (symmetric, one range per feature): median test RMSE change against unquantized inputs, by calibration of the range; static ranges come from the training split, dynamic ones from each batch of test rows.", table: try inputsTable(records)),
            CaptionedTable(label: "linreg-best", caption: "Best weight quantization per bit width: the lowest median test RMSE among PTQ formats and QAT (STE, LSQ) at that width, with its 95 % bootstrap interval.", table: bestTable(best)),
        ]
        let charts = [
            ChapterChart(label: "linreg-kappa", chart: try kappaChart(kappaPoints), caption: "Coefficient error against the condition number of $X$, per arithmetic; normal equations (left) and gradient descent with a fixed budget (right). Missing points are fits that failed. FP16 and BF16 are emulated."),
            ChapterChart(label: "linreg-bits", chart: try bitsChart(bitsPoints), caption: "Test RMSE relative to the FP32 model against weight bits (median over folds and seeds, 95 % bootstrap interval): PTQ against QAT with the straight-through estimator and with learned step sizes (LSQ)."),
        ]
        return ChapterOutput(values: values, charts: charts, tables: tables, findings: findings)
    }

    /// The median of the per-fold ratios of `LinregAnalysis.ratios` (no bootstrap); `nil`
    /// when no candidate has a baseline.
    static func medianRatio(
        _ records: [TrialRecord], candidate: [LinregSchema.Parameter: ParameterValue],
        baseline: [LinregSchema.Parameter: ParameterValue]
    ) -> Double? {
        let r = LinregAnalysis.ratios(records, candidate: candidate, baseline: baseline, pool: records)
        return r.isEmpty ? nil : r.median()
    }

    /// The median of measurement `metric` over `records`.
    func median(_ records: [TrialRecord], _ metric: LinregSchema.Metric) throws -> Double {
        let v = records.values(of: metric)
        guard !v.isEmpty else { throw ChapterError(section: section, "no \(metric.rawValue) values") }
        return v.median()
    }

    /// Display name of a configuration label of `LinregAnalysis.bestConfigurations`:
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
}
