import Analysis
import Records

extension LinregChapter {
    /// Arithmetics in table and chart order, widest first.
    static let arithmetics = ["fp64", "fp32", "bf16-acc32", "fp16-acc32", "bf16", "fp16"]

    /// `10ⁿ` for a power of ten, else the plain number: template values and alt text.
    static func powerOfTen(_ x: Double) -> String {
        let e = x.log10Rounded
        guard let e, e != 0 else { return x == 1 ? "1" : "\(x)" }
        let superscripts: [Character: Character] = ["0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻"]
        return "10" + String(String(e).map { superscripts[$0] ?? $0 })
    }

    /// `10^{n}` for a power of ten, else the plain number: the same as `powerOfTen` in TeX, for
    /// column heads that are formulas (`$\kappa = 10^{4}$`).
    static func powerOfTenTeX(_ x: Double) -> String {
        guard let e = x.log10Rounded, e != 0 else { return x == 1 ? "1" : "\(x)" }
        return "10^{\(e)}"
    }

    /// Normal-equations coefficient error per arithmetic (rows) and κ (columns).
    func arithmeticTable(_ points: [KappaErrorPoint], kappas: [Double]) throws -> Table {
        let rows = try Self.arithmetics.map { arithmetic -> [Table.Cell] in
            var row: [Table.Cell] = [.text(Self.arithmeticName(arithmetic))]
            for kappa in kappas {
                guard let p = points.first(where: { $0.arithmetic == arithmetic && $0.solver == "normal-equations" && $0.kappa == kappa }) else {
                    row.append(.text("—"))
                    continue
                }
                if p.failures == p.count {
                    row.append(.text("fails \(p.failures)/\(p.count)"))
                } else if p.failures > 0 {
                    row.append(.text("\(try NumberStyle.plain.format(p.medianCoefficientError)) (fails \(p.failures)/\(p.count))"))
                } else {
                    row.append(.number(p.medianCoefficientError))
                }
            }
            return row
        }
        return Table(columns: [.init("arithmetic")] + kappas.map { .init("$\\kappa = \(Self.powerOfTenTeX($0))$", style: .plain.digits(2)) }, rows: rows)
    }

    /// Weight PTQ formats (rows) against datasets: RMSE change and coefficient error.
    func ptqTable(_ records: [TrialRecord]) throws -> Table {
        var formats: [(label: String, format: String, symmetric: Bool)] = []
        for bits in [8, 4, 3, 2] {
            formats.append(("INT\(bits) symmetric", "int\(bits)", true))
            formats.append(("INT\(bits) asymmetric", "int\(bits)", false))
            if bits == 8 { formats.append(("FP8 E4M3 (absmax)", "fp8-e4m3", true)) }
            if bits == 4 { formats.append(("NF4", "nf4", true)) }
        }
        let rows = try formats.map { entry -> [Table.Cell] in
            var row: [Table.Cell] = [.text(entry.label)]
            for (name, _) in Self.datasets {
                let candidate = LinregSchema.parameters(
                    .ptqWeights, [.dataset: .string(name), .format: .string(entry.format), .symmetric: .bool(entry.symmetric)])
                guard let ratio = Self.medianRatio(
                    records, candidate: candidate, baseline: LinregSchema.parameters(.ptqWeights, [.dataset: .string(name), .format: "fp64"]))
                else { throw ChapterError(section: section, "no weight PTQ trials for \(entry.label) on \(name)") }
                row += [.number(ratio - 1), .number(try median(records.matching(candidate), .coefficientError))]
            }
            return row
        }
        var columns: [Table.Column] = [.init("weights")]
        for (_, display) in Self.datasets {
            columns += [.init("\(display): RMSE change", style: .percent), .init("\(display): coef. error", style: .percent)]
        }
        return Table(columns: columns, rows: rows)
    }

    /// Quantized inputs: RMSE change per (dataset, bits) and calibration.
    func inputsTable(_ records: [TrialRecord]) throws -> Table {
        let calibrations = ["minmax", "percentile", "mse", "dynamic"]
        let bits = Set(LinregSchema.records(.inputQuantization, in: records).compactMap { $0[LinregSchema.Parameter.bits]?.numberValue })
            .sorted(by: >)
        var rows: [[Table.Cell]] = []
        for (name, display) in Self.datasets {
            for b in bits {
                var row: [Table.Cell] = [.text(display), .number(b)]
                for calibration in calibrations {
                    let candidate = LinregSchema.parameters(.inputQuantization, [
                        .dataset: .string(name), .bits: .int(Int(b)), .symmetric: true, .calibration: .string(calibration),
                    ])
                    guard let ratio = Self.medianRatio(
                        records, candidate: candidate,
                        baseline: LinregSchema.parameters(.ptqWeights, [.dataset: .string(name), .format: "fp64"]))
                    else { throw ChapterError(section: section, "no input trials for \(name), \(Int(b)) bits, \(calibration)") }
                    row.append(.number(ratio - 1))
                }
                rows.append(row)
            }
        }
        return Table(columns: [
            .init("dataset"), .init("bits", style: .count), .init("min-max", style: .percent), .init("percentile", style: .percent),
            .init("MSE", style: .percent), .init("dynamic", style: .percent),
        ], rows: rows)
    }

    /// The best configuration per bit width and dataset (`LinregAnalysis.bestConfigurations`).
    func bestTable(_ best: [BestConfiguration]) -> Table {
        let display = Dictionary(uniqueKeysWithValues: Self.datasets)
        let order = Self.datasets.map(\.0)
        let best = best
            .sorted { (order.firstIndex(of: $0.dataset) ?? order.count, -$0.bits) < (order.firstIndex(of: $1.dataset) ?? order.count, -$1.bits) }
        let rows = best.map { b -> [Table.Cell] in
            [.text(display[b.dataset] ?? b.dataset), .number(Double(b.bits)), .text(Self.configurationName(b.configuration)),
             .number(b.rmse.estimate), .number(b.rmse.lower), .number(b.rmse.upper), .number(b.baselineRMSE)]
        }
        return Table(columns: [
            .init("dataset"), .init("bits", style: .count), .init("best configuration"), .init("test RMSE", style: .plain),
            .init("95 % low", style: .plain), .init("95 % high", style: .plain), .init("FP64 fit", style: .plain),
        ], rows: rows)
    }
}

extension Double {
    /// The integer n with 10ⁿ = self, when self is a power of ten.
    fileprivate var log10Rounded: Int? {
        guard self > 0 else { return nil }
        var n = 0, x = self
        while x >= 10 { x /= 10; n += 1 }
        while x < 1 { x *= 10; n -= 1 }
        return abs(x - 1) < 1e-9 ? n : nil
    }
}
