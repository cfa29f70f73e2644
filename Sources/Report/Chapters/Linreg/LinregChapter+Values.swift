import Analysis
import Records

private typealias Parameter = LinregSchema.Parameter

extension LinregChapter {
    /// Dataset sizes, folds, seeds and synthetic sizes; returns the condition numbers, ascending
    /// (never empty: no arithmetic trial is an error).
    func setupValues(_ records: [TrialRecord], into values: inout [String: TemplateValue]) throws -> [Double] {
        let q = TrialQuery<LinregSchema>(records: records)
        for (name, _) in Self.datasets {
            let facts = try q.one(.dataset, [.dataset: .string(name)])
            values["\(name)_rows"] = .number(try q.measurement(.rows, of: facts), .count)
            values["\(name)_features"] = .number(try q.measurement(.features, of: facts), .count)
            values["\(name)_dropped"] = .number(try q.measurement(.droppedRows, of: facts), .count)
        }
        let folds = q.all(.ptqWeights)
        values["folds"] = .number(Double(Set(folds.compactMap { $0[Parameter.fold] }).count), .count)
        values["repeats"] = .number(Double(Set(folds.compactMap { $0[Parameter.repeatIndex] }).count), .count)
        values["qat_seeds"] = .number(Double(Set(q.all(.qat, [.method: "qat-lsq"]).compactMap { $0[Parameter.seed] }).count), .count)
        let arithmetic = q.all(.arithmetic)
        let synthetic = try q.one(.arithmetic, [.arithmetic: "fp64", .solver: "gradient-descent"])
        values["synthetic_rows"] = .number(synthetic[Parameter.rows]?.numberValue ?? .nan, .count)
        values["synthetic_features"] = .number(synthetic[Parameter.features]?.numberValue ?? .nan, .count)
        values["gd_iterations"] = .number(synthetic[Parameter.iterations]?.numberValue ?? .nan, .count)
        values["synthetic_seeds"] = .number(Double(Set(arithmetic.compactMap { $0[Parameter.seed] }).count), .count)
        let kappas = Set(arithmetic.compactMap { $0[Parameter.kappa]?.numberValue }).sorted()
        guard let kappaMax = kappas.last else { throw ChapterError(section: section, "no arithmetic trials") }
        values["kappa_max"] = .text(Self.powerOfTen(kappaMax))
        return kappas
    }

    /// The normal equations' errors and first failures per arithmetic; the arithmetic finding.
    func arithmeticValues(
        _ kappaPoints: [KappaErrorPoint], kappaMax: Double, into values: inout [String: TemplateValue],
        findings: inout [String: TemplateValue]
    ) {
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

    }

    /// Weight PTQ and QAT numbers per dataset; the INT8, QAT and 2-bit findings.
    func quantizationValues(
        _ records: [TrialRecord], bitsPoints: [BitsErrorPoint], best: [BestConfiguration],
        into values: inout [String: TemplateValue], findings: inout [String: TemplateValue]
    ) throws {
        let q = TrialQuery<LinregSchema>(records: records)
        var int8: [String: TemplateValue] = [:]
        var twoBits: [String: TemplateValue] = [:]
        var lsqBeatsPTQ2 = true, steBeatsPTQ2 = true
        var recovery: [Int: [String: TemplateValue]] = [:]  // bits → dataset → numbers
        var lsqHelps: [Int: Set<String>] = [:]  // bits → datasets where LSQ beats PTQ
        for (name, _) in Self.datasets {
            let dataset = ParameterValue.string(name)
            let baseline = LinregSchema.parameters(.ptqWeights, [.dataset: dataset, .format: "fp64"])
            guard let int8Ratio = Self.medianRatio(
                records, candidate: LinregSchema.parameters(.ptqWeights, [.dataset: dataset, .format: "int8", .symmetric: true]),
                baseline: baseline)
            else { throw ChapterError(section: section, "no INT8 weight trials for \(name)") }
            values["\(name)_int8_change"] = .number(int8Ratio - 1, .percent)
            if let int4Ratio = Self.medianRatio(
                records, candidate: LinregSchema.parameters(.ptqWeights, [.dataset: dataset, .format: "int4", .symmetric: true]),
                baseline: baseline) {
                values["\(name)_int4_change"] = .number(int4Ratio - 1, .percent)
            }
            // "Nothing measurable": within half a percent of the FP64 fit's RMSE.
            if abs(int8Ratio - 1) < 0.005 { int8[name] = values["\(name)_int8_change"]! }
            values["\(name)_fp64_rmse"] = .number(try median(q.all(.ptqWeights, [.dataset: dataset, .format: "fp64"]), .testRMSE), .plain)

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
        if twoBits.count == Self.datasets.count { findings["linreg_two_bits"] = .record(twoBits) }
    }

    /// The largest RMSE change of 8-bit inputs over datasets and calibrations.
    func inputValues(_ records: [TrialRecord], into values: inout [String: TemplateValue]) {
        let inputs8 = records.matching(LinregSchema.parameters(.inputQuantization, [.bits: 8]))
        var worst8 = 0.0
        for (name, _) in Self.datasets {
            for calibration in ["minmax", "percentile", "mse", "dynamic"] {
                let r = LinregAnalysis.ratios(
                    inputs8, candidate: [.dataset: .string(name), .calibration: .string(calibration)],
                    baseline: LinregSchema.parameters(.ptqWeights, [.dataset: .string(name), .format: "fp64"]), pool: records)
                if !r.isEmpty { worst8 = max(worst8, abs(r.median() - 1)) }
            }
        }
        values["inputs8_worst_change"] = .number(worst8, .percent)

    }
}
