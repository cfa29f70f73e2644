import Analysis
import Records

private typealias Parameter = LinregSchema.Parameter

extension LinregChapter {
    /// Dataset sizes, folds, seeds, synthetic sizes and the QAT protocol; returns the condition
    /// numbers, ascending (never empty: no arithmetic trial is an error).
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
        let fp32 = q.all(.qat, [.method: "fp32"])
        values["qat_fit_rows"] = .number(try median(fp32, .fitRows), .count)
        values["qat_validation_rows"] = .number(try median(fp32, .validationRows), .count)
        let epochs = q.all(.qatEpoch)
        values["qat_epochs"] = .number(epochs.compactMap { $0[Parameter.epoch]?.numberValue }.max() ?? 0, .count)
        values["qat_learning_rate"] = .number(try median(q.all(.qatEpoch, [.epoch: 1]), .learningRate), .plain)
        let arithmetic = q.all(.arithmetic)
        let synthetic = try q.one(.arithmetic, [.arithmetic: "fp64", .solver: "gradient-descent"])
        values["synthetic_rows"] = .number(synthetic[Parameter.rows]?.numberValue ?? .nan, .count)
        values["synthetic_features"] = .number(synthetic[Parameter.features]?.numberValue ?? .nan, .count)
        values["gd_iterations"] = .number(synthetic[Parameter.iterations]?.numberValue ?? .nan, .count)
        guard let steps = q.all(.arithmetic, [.solver: "refinement"]).first?[Parameter.iterations]?.numberValue else {
            throw ChapterError(section: section, "no refinement trials")
        }
        values["refinement_steps"] = .number(steps, .count)
        values["synthetic_seeds"] = .number(Double(Set(arithmetic.compactMap { $0[Parameter.seed] }).count), .count)
        let kappas = Set(arithmetic.compactMap { $0[Parameter.kappa]?.numberValue }).sorted()
        guard let kappaMax = kappas.last else { throw ChapterError(section: section, "no arithmetic trials") }
        values["kappa_max"] = .text(Self.powerOfTen(kappaMax))
        return kappas
    }

    /// Errors of every solver in the 16-bit arithmetics at the smallest κ, first failures, the
    /// most accurate 16-bit solver, and the arithmetic finding; every comparison sentence is a
    /// flag computed here.
    func arithmeticValues(
        _ points: [KappaErrorPoint], kappas: [Double], into values: inout [String: TemplateValue],
        findings: inout [String: TemplateValue]
    ) throws {
        guard let kappaMin = kappas.first, let kappaMax = kappas.last else { throw ChapterError(section: section, "no arithmetic trials") }
        func point(_ arithmetic: String, _ solver: String, _ kappa: Double) -> KappaErrorPoint? {
            points.first { $0.arithmetic == arithmetic && $0.solver == solver && $0.kappa == kappa }
        }
        func error(_ arithmetic: String, _ solver: String, _ kappa: Double) -> Double {
            point(arithmetic, solver, kappa)?.medianCoefficientError ?? .nan
        }
        func firstFailure(_ arithmetic: String, _ solver: String) -> Double? {
            points.filter { $0.arithmetic == arithmetic && $0.solver == solver && $0.failures > 0 }.map(\.kappa).min()
        }
        // A median over no successful fit is NaN, which a template cannot print: say so instead.
        func errorValue(_ x: Double) -> TemplateValue { x.isFinite ? .number(x, .plain) : .text("none (every fit failed)") }
        values["kappa_min"] = .text(Self.powerOfTen(kappaMin))
        values["fp64_ne_error_max"] = errorValue(error("fp64", "normal-equations", kappaMax))
        values["fp32_ne_error_1"] = errorValue(error("fp32", "normal-equations", kappaMin))
        values["fp16acc_ne_error_1"] = errorValue(error("fp16-acc32", "normal-equations", kappaMin))
        values["accumulator_dominates"] = .flag(
            error("fp16", "normal-equations", kappaMin) > error("fp16-acc32", "normal-equations", kappaMin)
                && error("bf16", "normal-equations", kappaMin) > error("bf16-acc32", "normal-equations", kappaMin))
        var failureValues: [String: TemplateValue] = [:]
        for (key, arithmetic) in [("fp32", "fp32"), ("fp16", "fp16"), ("bf16", "bf16"), ("fp16acc", "fp16-acc32"), ("bf16acc", "bf16-acc32")] {
            let kappa = firstFailure(arithmetic, "normal-equations")
            values["\(key)_fails"] = .flag(kappa != nil)
            values["\(key)_first_failure"] = .text(kappa.map(Self.powerOfTen) ?? "—")
            failureValues[key] = values["\(key)_first_failure"]!
        }
        // Per 16-bit arithmetic: every solver at the smallest κ, ranked.
        var records: [String: TemplateValue] = [:]
        for arithmetic in ["fp16", "bf16"] {
            var r: [String: TemplateValue] = ["name": .text(arithmetic.uppercased())]
            var ranked: [(String, Double)] = []
            for (solver, solverName) in Self.solvers {
                let e = error(arithmetic, solver, kappaMin)
                r[solver.replacingOccurrences(of: "-", with: "_")] = errorValue(e)
                if e.isFinite { ranked.append((solverName, e)) }
                let failure = firstFailure(arithmetic, solver)
                r["\(solver.replacingOccurrences(of: "-", with: "_"))_fails"] = .flag(failure != nil)
                r["\(solver.replacingOccurrences(of: "-", with: "_"))_first_failure"] = .text(failure.map(Self.powerOfTen) ?? "—")
            }
            ranked.sort { $0.1 < $1.1 }
            guard let best = ranked.first, let worst = ranked.last else { throw ChapterError(section: section, "no \(arithmetic) fit at κ = \(kappaMin)") }
            r["best_solver"] = .text(best.0)
            r["worst_solver"] = .text(worst.0)
            r["best_over_worst"] = .number(worst.1 / best.1, .ratio)
            let ne = error(arithmetic, "normal-equations", kappaMin), gd = error(arithmetic, "gradient-descent", kappaMin)
            r["gd_beats_ne"] = .flag(gd < ne)
            r["gd_over_ne"] = .number(gd < ne ? ne / gd : gd / ne, .ratio)
            // Refinement with FP32 residuals "reaches FP32 accuracy" where it is within 10× of
            // FP32's own QR (the FP32 rounding error of the data is the floor either way).
            let reaches = kappas.filter { error(arithmetic, "refinement", $0) <= 10 * error("fp32", "qr", $0) }
            let contiguous = kappas.prefix { reaches.contains($0) }
            r["refinement_reaches_fp32"] = .flag(!contiguous.isEmpty)
            r["refinement_fp32_until"] = .text(contiguous.last.map(Self.powerOfTen) ?? "—")
            r["refinement_everywhere"] = .flag(contiguous.count == kappas.count)
            r["fp32_qr"] = errorValue(error("fp32", "qr", kappaMin))
            records[arithmetic] = .record(r)
        }
        values["fp16"] = records["fp16"]!
        values["bf16"] = records["bf16"]!
        // Gradient descent at the largest κ: does every arithmetic land on FP64's curve (within 2×)?
        let gd64 = error("fp64", "gradient-descent", kappaMax)
        let gdShared = ["fp32", "fp16", "bf16"].allSatisfy { a in
            let e = error(a, "gradient-descent", kappaMax)
            return e.isFinite && gd64.isFinite && e <= 2 * gd64 && e >= gd64 / 2
        }
        values["gd_shared_at_kappa_max"] = .flag(gdShared)
        values["gd_fp64_error_max"] = errorValue(gd64)
        if firstFailure("fp16", "normal-equations") != nil || firstFailure("bf16", "normal-equations") != nil {
            findings["linreg_arithmetic"] = .record(failureValues.merging([
                "fp64_error": values["fp64_ne_error_max"]!, "kappa_max": values["kappa_max"]!,
                "fp16_best_solver": .text(records["fp16"]!.child("best_solver").flatMap { if case .text(let t) = $0 { t } else { nil } } ?? ""),
            ]) { $1 })
        }
    }

    /// Weight PTQ numbers per dataset; the INT8 finding.
    func weightValues(
        _ rows: [WeightRow], records: [TrialRecord], into values: inout [String: TemplateValue], findings: inout [String: TemplateValue]
    ) throws {
        let q = TrialQuery<LinregSchema>(records: records)
        var int8: [String: TemplateValue] = [:]
        var int8Indistinct = true
        for (d, (name, _)) in Self.datasets.enumerated() {
            values["\(name)_fp64_rmse"] = .number(try median(q.all(.ptqWeights, [.dataset: .string(name), .format: "fp64"]), .testRMSE), .plain)
            for bits in [8, 4] {
                guard let row = rows.first(where: { $0.format == "int\(bits)" && $0.symmetric }) else { continue }
                let c = row.cells[d].change
                Self.changeValues("\(name)_int\(bits)", c, into: &values)
                values["\(name)_int\(bits)_significant"] = .flag(c.isSignificant)
                if bits == 8 {
                    int8Indistinct = int8Indistinct && !c.isSignificant
                    int8[name] = values["\(name)_int8"]!
                }
            }
        }
        values["int8_indistinct"] = .flag(int8Indistinct)
        // "Nothing measurable": on every dataset the interval of INT8's change contains 0.
        if int8Indistinct && int8.count == Self.datasets.count { findings["linreg_int8"] = .record(int8) }
    }

    /// The 8-bit input sentence over exactly the cells of the input table at 8 bits, and the
    /// spread of calibrations at the lowest width.
    func inputValues(_ rows: [InputRow], into values: inout [String: TemplateValue]) throws {
        let display = Dictionary(uniqueKeysWithValues: Self.datasets)
        let calibrationNames = Self.inputCalibrations.map(\.1)
        let widest = rows.map(\.bits).max() ?? 0, narrowest = rows.map(\.bits).min() ?? 0
        var cells: [(label: String, change: PairedChange)] = []
        for row in rows where row.bits == widest {
            for (i, c) in row.changes.enumerated() {
                cells.append(("\(display[row.dataset] ?? row.dataset), \(row.symmetric ? "symmetric" : "asymmetric"), \(calibrationNames[i])", c))
            }
        }
        guard let worst = cells.max(by: { abs($0.change.change.estimate) < abs($1.change.change.estimate) }) else {
            throw ChapterError(section: section, "no input trials")
        }
        values["inputs_wide_bits"] = .number(Double(widest), .count)
        values["inputs_wide_settings"] = .number(Double(cells.count), .count)
        values["inputs_wide_worst"] = .number(abs(worst.change.change.estimate), .percent)
        values["inputs_wide_worst_label"] = .text(worst.label)
        let significant = cells.filter { $0.change.isSignificant }
        values["inputs_wide_significant"] = .number(Double(significant.count), .count)
        values["inputs_wide_none_significant"] = .flag(significant.isEmpty)
        values["inputs_wide_largest_bound"] = .number(cells.map { max(abs($0.change.change.lower), abs($0.change.change.upper)) }.max() ?? 0, .percent)
        // At the narrowest width, symmetric grid: the best and the worst calibration per dataset,
        // and whether their intervals are apart (the choice of range matters beyond noise).
        values["inputs_narrow_bits"] = .number(Double(narrowest), .count)
        var spread: [TemplateValue] = []
        var allApart = true
        for row in rows where row.bits == narrowest && row.symmetric {
            let ranked = row.changes.enumerated().sorted { $0.element.change.estimate < $1.element.change.estimate }
            guard let best = ranked.first, let worst = ranked.last else { continue }
            let apart = best.element.change.upper < worst.element.change.lower
            allApart = allApart && apart
            spread.append(.record([
                "dataset": .text(display[row.dataset] ?? row.dataset),
                "best": .text(calibrationNames[best.offset]), "best_change": .number(best.element.change.estimate, .percent),
                "worst": .text(calibrationNames[worst.offset]), "worst_change": .number(worst.element.change.estimate, .percent),
            ]))
        }
        values["inputs_narrow_spread"] = .list(spread)
        values["inputs_narrow_calibration_matters"] = .flag(allApart && !spread.isEmpty)
    }
}
