import Analysis
public import Results

/// The `linreg` chapter: linear regression under quantized training arithmetic, weights and
/// inputs, and PTQ against QAT, from the `linreg` section's records (`LinregAnalysis`).
public struct LinregChapter: ChapterBuilder {
    /// The builder.
    public init() {}

    public var section: String { "linreg" }
    public var template: String { "03-linreg.md.mustache" }
    public var findingNames: [String] { ["linreg_int8", "linreg_qat", "linreg_arithmetic", "linreg_two_bits"] }

    /// The datasets in chapter order, with display names.
    static let datasets = [("diabetes", "Diabetes"), ("autompg", "Auto MPG")]

    public func build(_ records: [TrialRecord]) throws -> ChapterOutput {
        let q = TrialQuery(section: section, records: records)
        var values: [String: TemplateValue] = [:]
        var findings: [String: TemplateValue] = [:]

        // Setup.
        for (name, _) in Self.datasets {
            let facts = try q.one(["family": "dataset", "dataset": .string(name)])
            values["\(name)_rows"] = .number(try q.measurement("rows", of: facts), .count)
            values["\(name)_features"] = .number(try q.measurement("features", of: facts), .count)
            values["\(name)_dropped"] = .number(try q.measurement("droppedRows", of: facts), .count)
        }
        let folds = q.all(["family": "ptq-weights"])
        values["folds"] = .number(Double(Set(folds.compactMap { $0.parameters["fold"] }).count), .count)
        values["repeats"] = .number(Double(Set(folds.compactMap { $0.parameters["repeat"] }).count), .count)
        values["qat_seeds"] = .number(Double(Set(q.all(["family": "qat", "method": "qat-lsq"]).compactMap { $0.parameters["seed"] }).count), .count)
        let arithmetic = q.all(["family": "arithmetic"])
        let synthetic = try q.one(["family": "arithmetic", "arithmetic": "fp64", "solver": "gradient-descent"])
        values["synthetic_rows"] = .number(synthetic.parameters["rows"]?.numberValue ?? .nan, .count)
        values["synthetic_features"] = .number(synthetic.parameters["features"]?.numberValue ?? .nan, .count)
        values["gd_iterations"] = .number(synthetic.parameters["iterations"]?.numberValue ?? .nan, .count)
        values["synthetic_seeds"] = .number(Double(Set(arithmetic.compactMap { $0.parameters["seed"] }).count), .count)
        let kappas = Set(arithmetic.compactMap { $0.parameters["kappa"]?.numberValue }).sorted()
        guard let kappaMax = kappas.last else { throw ChapterError(section: section, "no arithmetic trials") }
        values["kappa_max"] = .text(Self.powerOfTen(kappaMax))

        // Fitting arithmetic.
        let kappaPoints = LinregAnalysis.coefficientErrorAgainstKappa(records)
        func firstFailure(_ arithmetic: String) -> Double? {
            kappaPoints.filter { $0.arithmetic == arithmetic && $0.solver == "normal-equations" && $0.failures > 0 }.map(\.kappa).min()
        }
        func neError(_ arithmetic: String, _ kappa: Double) -> Double {
            kappaPoints.first { $0.arithmetic == arithmetic && $0.solver == "normal-equations" && $0.kappa == kappa }?.medianCoefficientError ?? .nan
        }
        // A median over no successful fit is NaN, which a template cannot print: say so instead.
        func errorValue(_ x: Double) -> TemplateValue { x.isFinite ? .number(x, .plain) : .text("none (every fit failed)") }
        values["fp64_ne_error_max"] = errorValue(neError("fp64", kappaMax))
        values["fp32_ne_error_1"] = errorValue(neError("fp32", 1))
        values["fp16_ne_error_1"] = errorValue(neError("fp16", 1))
        values["bf16_ne_error_1"] = errorValue(neError("bf16", 1))
        values["fp16acc_ne_error_1"] = errorValue(neError("fp16-acc32", 1))
        values["accumulator_dominates"] = .flag(
            neError("fp16", 1) > neError("fp16-acc32", 1) && neError("bf16", 1) > neError("bf16-acc32", 1))
        var failureValues: [String: TemplateValue] = [:]
        for (key, arithmetic) in [("fp32", "fp32"), ("fp16", "fp16"), ("bf16", "bf16"), ("fp16acc", "fp16-acc32"), ("bf16acc", "bf16-acc32")] {
            let kappa = firstFailure(arithmetic)
            values["\(key)_fails"] = .flag(kappa != nil)
            values["\(key)_first_failure"] = .text(kappa.map(Self.powerOfTen) ?? "—")
            failureValues[key] = values["\(key)_first_failure"]!
        }
        if firstFailure("fp16") != nil || firstFailure("bf16") != nil {
            findings["linreg_arithmetic"] = .record(failureValues.merging([
                "fp64_error": values["fp64_ne_error_max"]!, "kappa_max": values["kappa_max"]!,
            ]) { $1 })
        }

        // Weight PTQ, inputs, QAT.
        let bitsPoints = LinregAnalysis.errorAgainstBits(records)
        let best = LinregAnalysis.bestConfigurations(records)
        var int8: [String: TemplateValue] = [:]
        var twoBits: [String: TemplateValue] = [:]
        var lsqBeatsPTQ2 = true, steBeatsPTQ2 = true
        var recovery: [Int: [String: TemplateValue]] = [:]  // bits → dataset → numbers
        var lsqHelps: [Int: Set<String>] = [:]  // bits → datasets where LSQ beats PTQ
        for (name, _) in Self.datasets {
            let dataset = ParameterValue.string(name)
            let baseline: [String: ParameterValue] = ["family": "ptq-weights", "dataset": dataset, "format": "fp64"]
            guard let int8Ratio = Self.medianRatio(
                records, candidate: ["family": "ptq-weights", "dataset": dataset, "format": "int8", "symmetric": true], baseline: baseline)
            else { throw ChapterError(section: section, "no INT8 weight trials for \(name)") }
            values["\(name)_int8_change"] = .number(int8Ratio - 1, .percent)
            if let int4Ratio = Self.medianRatio(
                records, candidate: ["family": "ptq-weights", "dataset": dataset, "format": "int4", "symmetric": true], baseline: baseline) {
                values["\(name)_int4_change"] = .number(int4Ratio - 1, .percent)
            }
            // "Nothing measurable": within half a percent of the FP64 fit's RMSE.
            if abs(int8Ratio - 1) < 0.005 { int8[name] = values["\(name)_int8_change"]! }
            values["\(name)_fp64_rmse"] = .number(try median(q.all(baseline), "testRMSE"), .plain)

            let points = bitsPoints.filter { $0.dataset == name && $0.targets == "weights" }
            for method in ["ptq", "qat-ste", "qat-lsq"] {
                for bits in [2, 3, 4] {
                    guard let p = points.first(where: { $0.method == method && $0.bits == bits }) else { continue }
                    let key = "\(name)_\(method.replacingOccurrences(of: "-", with: "_"))_\(bits)"
                    values[key] = .number(p.relativeToFP32.estimate - 1, .percent)
                }
            }
            func loss(_ method: String, _ bits: Int) -> Double? {
                points.first { $0.method == method && $0.bits == bits }.map { $0.relativeToFP32.estimate - 1 }
            }
            if let ptq = loss("ptq", 2), let lsq = loss("qat-lsq", 2), let ste = loss("qat-ste", 2) {
                lsqBeatsPTQ2 = lsqBeatsPTQ2 && lsq < ptq
                steBeatsPTQ2 = steBeatsPTQ2 && ste < ptq
            }
            for bits in [2, 3, 4] {
                guard let ptq = loss("ptq", bits), let lsq = loss("qat-lsq", bits) else { continue }
                recovery[bits, default: [:]][name] = [
                    "ptq": .number(ptq, .percent), "lsq": .number(lsq, .percent),
                    "recovered": .number(ptq > 0 ? 1 - lsq / ptq : 0, .percent),
                ]
                if ptq > 0 && lsq < ptq { lsqHelps[bits, default: []].insert(name) }
            }
            if let best2 = best.first(where: { $0.dataset == name && $0.bits == 2 }) {
                let change = best2.rmse.estimate / best2.baselineRMSE - 1
                values["\(name)_best2_change"] = .number(change, .percent)
                values["\(name)_best2_config"] = .text(Self.configurationName(best2.configuration))
                // "Too few": even the best 2-bit choice costs more than 1 %.
                if change > 0.01 { twoBits[name] = ["change": .number(change, .percent), "config": .text(Self.configurationName(best2.configuration))] }
            }
        }
        values["lsq_beats_ptq_2"] = .flag(lsqBeatsPTQ2)
        values["ste_beats_ptq_2"] = .flag(steBeatsPTQ2)
        if int8.count == Self.datasets.count { findings["linreg_int8"] = .record(int8) }
        // The pro cites the lowest bit width at which LSQ beats PTQ on every dataset, if any.
        if let bits = lsqHelps.keys.sorted().first(where: { lsqHelps[$0]!.count == Self.datasets.count }) {
            findings["linreg_qat"] = .record(recovery[bits]!.merging(["bits": .number(Double(bits), .count)]) { $1 })
        }
        let inputs8 = records.matching(["family": "input-quantization", "bits": 8])
        var worst8 = 0.0
        for (name, _) in Self.datasets {
            for calibration in ["minmax", "percentile", "mse", "dynamic"] {
                let r = LinregAnalysis.ratios(
                    inputs8, candidate: ["dataset": .string(name), "calibration": .string(calibration)],
                    baseline: ["family": "ptq-weights", "dataset": .string(name), "format": "fp64"], pool: records)
                if !r.isEmpty { worst8 = max(worst8, abs(r.median() - 1)) }
            }
        }
        values["inputs8_worst_change"] = .number(worst8, .percent)
        if twoBits.count == Self.datasets.count { findings["linreg_two_bits"] = .record(twoBits) }

        let tables = [
            CaptionedTable(label: "linreg-arithmetic", caption: "Median coefficient error ‖ŵ − w_QR‖/‖w_QR‖ of the normal equations against the FP64 QR fit, per arithmetic and condition number; “fails k/n” counts fits whose Cholesky factorisation met a non-positive pivot. FP16 and BF16 are emulated (every operation rounded).", table: try arithmeticTable(kappaPoints, kappas: kappas)),
            CaptionedTable(label: "linreg-ptq", caption: "Weight PTQ of the FP64 fit: median test RMSE change against the unquantized fit, and median coefficient error, over all folds. The bias stays FP32.", table: try ptqTable(records)),
            CaptionedTable(label: "linreg-inputs", caption: "Quantized inputs (symmetric, one range per feature): median test RMSE change against unquantized inputs, by calibration of the range; static ranges come from the training split, dynamic ones from each batch of test rows.", table: try inputsTable(records)),
            CaptionedTable(label: "linreg-best", caption: "Best weight quantization per bit width: the lowest median test RMSE among PTQ formats and QAT (STE, LSQ) at that width, with its 95 % bootstrap interval.", table: bestTable(best)),
        ]
        let charts = [
            ChapterChart(label: "linreg-kappa", chart: try kappaChart(kappaPoints), caption: "Coefficient error against the condition number of X, per arithmetic; normal equations (left) and gradient descent with a fixed budget (right). Missing points are fits that failed. FP16 and BF16 are emulated."),
            ChapterChart(label: "linreg-bits", chart: try bitsChart(bitsPoints), caption: "Test RMSE relative to the FP32 model against weight bits (median over folds and seeds, 95 % bootstrap interval): PTQ against QAT with the straight-through estimator and with learned step sizes (LSQ)."),
        ]
        return ChapterOutput(values: values, charts: charts, tables: tables, findings: findings)
    }

    /// The median of the per-fold ratios of `LinregAnalysis.ratios` (no bootstrap); `nil`
    /// when no candidate has a baseline.
    static func medianRatio(
        _ records: [TrialRecord], candidate: [String: ParameterValue], baseline: [String: ParameterValue]
    ) -> Double? {
        let r = LinregAnalysis.ratios(records, candidate: candidate, baseline: baseline, pool: records)
        return r.isEmpty ? nil : r.median()
    }

    /// The median of measurement `name` over `records`.
    func median(_ records: [TrialRecord], _ name: String) throws -> Double {
        let v = records.values(of: name)
        guard !v.isEmpty else { throw ChapterError(section: section, "no \(name) values") }
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
