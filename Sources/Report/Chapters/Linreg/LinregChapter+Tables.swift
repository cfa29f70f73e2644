import Analysis
import Records

extension LinregChapter {
    /// Arithmetics in table and chart order, widest first.
    static let arithmetics = ["fp64", "fp32", "bf16-acc32", "fp16-acc32", "bf16", "fp16"]
    /// Solvers in table and chart order, with display names.
    static let solvers = [("normal-equations", "normal equations"), ("qr", "QR"), ("refinement", "QR + refinement"),
                          ("gradient-descent", "gradient descent")]

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

    /// Coefficient error per (solver, arithmetic) (rows) and κ (columns); the FP64 QR row is
    /// the reference itself and left out.
    func arithmeticTable(_ points: [KappaErrorPoint], kappas: [Double]) throws -> Table {
        var rows: [[Table.Cell]] = []
        for (solver, solverName) in Self.solvers {
            for arithmetic in Self.arithmetics {
                let cells = points.filter { $0.arithmetic == arithmetic && $0.solver == solver }
                guard !cells.isEmpty, !(arithmetic == "fp64" && solver == "qr") else { continue }
                var row: [Table.Cell] = [.text(solverName), .text(Self.arithmeticName(arithmetic))]
                for kappa in kappas {
                    guard let p = cells.first(where: { $0.kappa == kappa }) else {
                        row.append(.text("—"))
                        continue
                    }
                    if p.failures == p.count {
                        row.append(.text("fails \(p.failures)/\(p.count)"))
                    } else if p.failures > 0 {
                        row.append(.text("\(try NumberStyle.plain.digits(2).format(p.medianCoefficientError)) (fails \(p.failures)/\(p.count))"))
                    } else {
                        row.append(.number(p.medianCoefficientError))
                    }
                }
                rows.append(row)
            }
        }
        guard !rows.isEmpty else { throw ChapterError(section: section, "no arithmetic trials") }
        return Table(
            columns: [.init("solver"), .init("arithmetic")] + kappas.map { .init("$\\kappa = \(Self.powerOfTenTeX($0))$", style: .plain.digits(2)) },
            rows: rows)
    }

    /// One row of the weight PTQ table: a format and its change and coefficient error per dataset.
    struct WeightRow {
        let label: String
        let format: String
        let symmetric: Bool
        let bits: Int
        /// Per dataset (chapter order): the change against the FP64 fit and the median coefficient error.
        let cells: [(change: PairedChange, coefficientError: Double)]
    }

    /// The weight PTQ formats with their changes, in table order.
    func weightRows(_ records: [TrialRecord]) throws -> [WeightRow] {
        var formats: [(label: String, format: String, symmetric: Bool, bits: Int)] = []
        let bits = Set(LinregSchema.records(.ptqWeights, in: records).compactMap { $0[LinregSchema.Parameter.bits]?.numberValue })
            .map(Int.init).filter { $0 < 64 }.sorted(by: >)
        for b in bits {
            formats.append(("INT\(b) symmetric", "int\(b)", true, b))
            formats.append(("INT\(b) asymmetric", "int\(b)", false, b))
            if b == 8 { formats.append(("FP8 E4M3 (absmax)", "fp8-e4m3", true, b)) }
            if b == 4 { formats.append(("NF4", "nf4", true, b)) }
        }
        return try formats.map { entry in
            let cells = try Self.datasets.map { name, _ in
                let candidate = LinregSchema.parameters(
                    .ptqWeights, [.dataset: .string(name), .format: .string(entry.format), .symmetric: .bool(entry.symmetric)])
                return (try change(records, candidate, "\(entry.label) weights on \(name)"),
                        try median(records.matching(candidate), .coefficientError))
            }
            return WeightRow(label: entry.label, format: entry.format, symmetric: entry.symmetric, bits: entry.bits, cells: cells)
        }
    }

    /// Weight PTQ formats (rows) against datasets: RMSE change with interval and coefficient error.
    func ptqTable(_ rows: [WeightRow]) throws -> Table {
        let cells = rows.map { row -> [Table.Cell] in
            [.text(row.label)] + row.cells.flatMap { [.text(Self.percentWithInterval($0.change.change)), .number($0.coefficientError)] }
        }
        var columns: [Table.Column] = [.init("weights")]
        for (_, display) in Self.datasets {
            columns += [.init("\(display): RMSE change (%)", alignment: .right), .init("\(display): coef. error", style: .percent)]
        }
        return Table(columns: columns, rows: cells)
    }

    /// One row of the input table: a dataset, bits and grid, and the change per calibration.
    struct InputRow {
        let dataset: String
        let bits: Int
        let symmetric: Bool
        /// Per calibration (`inputCalibrations` order).
        let changes: [PairedChange]
    }

    /// The input calibrations in table order, with display names.
    static let inputCalibrations = [("minmax", "min-max"), ("percentile", "percentile"), ("mse", "MSE"), ("dynamic", "dynamic")]

    /// Every (dataset, bits, grid) of the input family with its changes, in table order.
    func inputRows(_ records: [TrialRecord]) throws -> [InputRow] {
        let bits = Set(LinregSchema.records(.inputQuantization, in: records).compactMap { $0[LinregSchema.Parameter.bits]?.numberValue })
            .map(Int.init).sorted(by: >)
        var rows: [InputRow] = []
        for (name, _) in Self.datasets {
            for b in bits {
                for symmetric in [true, false] {
                    let changes = try Self.inputCalibrations.map { calibration, _ in
                        try change(records, LinregSchema.parameters(.inputQuantization, [
                            .dataset: .string(name), .bits: .int(b), .symmetric: .bool(symmetric), .calibration: .string(calibration),
                        ]), "\(b)-bit inputs on \(name), \(calibration)")
                    }
                    rows.append(InputRow(dataset: name, bits: b, symmetric: symmetric, changes: changes))
                }
            }
        }
        return rows
    }

    /// Quantized inputs: RMSE change with interval per (dataset, bits, grid) and calibration.
    func inputsTable(_ rows: [InputRow]) -> Table {
        let display = Dictionary(uniqueKeysWithValues: Self.datasets)
        let cells = rows.map { row -> [Table.Cell] in
            [.text(display[row.dataset] ?? row.dataset), .number(Double(row.bits)), .text(row.symmetric ? "symmetric" : "asymmetric")]
                + row.changes.map { .text(Self.percentWithInterval($0.change)) }
        }
        return Table(
            columns: [.init("dataset"), .init("bits", style: .count), .init("grid")]
                + Self.inputCalibrations.map { .init("\($0.1) (%)", alignment: .right) },
            rows: cells)
    }

    /// Per (dataset, bits): the lowest-median configuration, its change, and the others the
    /// data cannot tell apart from it.
    func bestTable(_ comparisons: [BitsComparison]) -> Table {
        let display = Dictionary(uniqueKeysWithValues: Self.datasets)
        let order = Self.datasets.map(\.0)
        let sorted = comparisons.sorted {
            (order.firstIndex(of: $0.dataset) ?? order.count, -$0.bits) < (order.firstIndex(of: $1.dataset) ?? order.count, -$1.bits)
        }
        let rows = sorted.compactMap { c -> [Table.Cell]? in
            guard let lowest = c.candidates.first else { return nil }
            let tied = c.indistinguishableFromLowest.dropFirst().map { Self.configurationName($0.configuration) }
            return [
                .text(display[c.dataset] ?? c.dataset), .number(Double(c.bits)),
                .text(Self.configurationName(lowest.configuration) + (c.best != nil ? " (best)" : "")),
                .text(Self.percentWithInterval(lowest.change.change)),
                .text(tied.isEmpty ? "none" : tied.joined(separator: ", ")),
            ]
        }
        return Table(columns: [
            .init("dataset"), .init("bits", style: .count), .init("lowest median change"), .init("RMSE change (%)", alignment: .right),
            .init("indistinguishable from it"),
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
