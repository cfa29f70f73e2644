import QuantCore
import Records

private typealias Parameter = FormatsSchema.Parameter
private typealias Metric = FormatsSchema.Metric

extension FormatsChapter {
    /// Table of the facts of every format.
    func factsTable(_ q: TrialQuery<FormatsSchema>) throws -> Table {
        let rows = try q.all(.format).sorted { $0[Parameter.order]! < $1[Parameter.order]! }.map { r -> [Table.Cell] in
            let split = r[Metric.exponentBits].map { "\(Int($0.value))/\(Int(r[Metric.mantissaBits]!.value))" } ?? "—"
            func cell(_ metric: Metric) -> Table.Cell { r[metric].map { .number($0.value) } ?? .text("—") }
            return [.text(Self.displayName(of: r[Parameter.format]!.description)), .number(try q.measurement(.bits, of: r)), .text(split),
                    cell(.max), cell(.minNormal), cell(.minSubnormal), cell(.epsilon), cell(.finiteValues)]
        }
        return Table(columns: [
            .init("format"), .init("bits", style: .count), .init("exp/mant"), .init("max", style: .plain),
            .init("min normal", style: .plain), .init("min subnormal", style: .plain), .init("epsilon", style: .plain),
            .init("finite values", style: .count),
        ], rows: rows)
    }

    /// Table of worked encodings: 0.375 (exact), 0.1 (rounded) and 70000 (overflow).
    func encodingTable(_ q: TrialQuery<FormatsSchema>) throws -> Table {
        let rows = try FloatFormat.all.map { format -> [Table.Cell] in
            func record(_ v: Double) throws -> TrialRecord {
                try q.one(.encoding, [.format: .string(format.name), .value: .double(v)])
            }
            let exact = try record(0.375), tenth = try record(0.1), big = try record(70000)
            let exactBits = format.bitFields(of: UInt32(try q.measurement(.code, of: exact))).spaced
            let tenthBits = format.bitFields(of: UInt32(try q.measurement(.code, of: tenth))).spaced
            let bigDecoded = try q.measurement(.decoded, of: big)
            return [
                .text(format.displayName), .text("`\(exactBits)`"), .text("`\(tenthBits)`"),
                .number(try q.measurement(.decoded, of: tenth)), .number(try q.measurement(.relError, of: tenth)),
                .text(bigDecoded.isNaN ? "NaN" : bigDecoded.isInfinite ? "∞" : Self.plain(bigDecoded)),
                .number(try q.measurement(.saturated, of: big)),
            ]
        }
        return Table(columns: [
            .init("format"), .init("0.375 bits"), .init("0.1 bits"), .init("0.1 stored as", style: .plain.digits(9)),
            .init("0.1 error", style: .percent), .init("70000 stored as"), .init("70000 saturated", style: .plain),
        ], rows: rows)
    }

    /// Table of the affine example; fills the scale and zero-point values the prose cites.
    func affineTable(_ q: TrialQuery<FormatsSchema>, values: inout [String: TemplateValue]) throws -> Table {
        let schemes = ["symmetric", "asymmetric", "symmetric-clipped"]
        for scheme in schemes {
            let key = scheme.replacingOccurrences(of: "-", with: "_")
            let summary: [Parameter: ParameterValue] = [.scheme: .string(scheme)]
            values["affine_\(key)_scale"] = .number(try q.value(.scale, .affineSummary, summary), .plain)
            values["affine_\(key)_zero"] = .number(try q.value(.zeroPoint, .affineSummary, summary), .count)
            values["affine_\(key)_lower"] = .number(try q.value(.rangeLower, .affineSummary, summary), .plain)
            values["affine_\(key)_upper"] = .number(try q.value(.rangeUpper, .affineSummary, summary), .plain)
            values["affine_\(key)_mse"] = .number(try q.value(.mse, .affineSummary, summary), .plain)
            values["affine_\(key)_maxerr"] = .number(try q.value(.maxAbsError, .affineSummary, summary), .plain)
        }
        let elements = q.all(.affine, [.scheme: "symmetric"]).count
        let rows = try (0..<elements).map { index -> [Table.Cell] in
            var row: [Table.Cell] = [.number(try q.value(.input, .affine, [.scheme: "symmetric", .index: .int(index)]))]
            for scheme in schemes {
                let r = try q.one(.affine, [.scheme: .string(scheme), .index: .int(index)])
                row += [.number(try q.measurement(.code, of: r)), .number(try q.measurement(.dequantized, of: r))]
            }
            return row
        }
        return Table(columns: [
            .init("$x$", style: .plain),
            .init("$q$ sym.", style: .count), .init("$\\hat{x}$ sym.", style: .plain),
            .init("$q$ asym.", style: .count), .init("$\\hat{x}$ asym.", style: .plain),
            .init("$q$ clipped", style: .count), .init("$\\hat{x}$ clipped", style: .plain),
        ], rows: rows)
    }

    /// Table of 4-bit scheme errors; fills the NF4 finding.
    func levelsTable(
        _ q: TrialQuery<FormatsSchema>, values: inout [String: TemplateValue], findings: inout [String: TemplateValue]
    ) throws -> Table {
        var rows: [[Table.Cell]] = []
        var mse: [String: Double] = [:]
        for distribution in ["normal", "student-t3"] {
            for scheme in ["int4-symmetric", "int4-asymmetric", "nf4"] {
                let r = try q.one(.levels, [.distribution: .string(distribution), .scheme: .string(scheme)])
                mse["\(distribution)/\(scheme)"] = try q.measurement(.mse, of: r)
                rows.append([.text(distribution == "normal" ? "normal" : "Student-t, ν = 3"), .text(Self.schemeName(scheme)),
                             .number(try q.measurement(.mse, of: r)), .number(try q.measurement(.sqnr, of: r)),
                             .number(try q.measurement(.bitsPerWeight, of: r))])
            }
        }
        let normalGain = 1 - mse["normal/nf4"]! / mse["normal/int4-symmetric"]!
        let tailGain = 1 - mse["student-t3/nf4"]! / mse["student-t3/int4-symmetric"]!
        values["nf4_gain_normal"] = .number(normalGain, .percent)
        values["nf4_gain_t"] = .number(tailGain, .percent)
        values["nf4_beats_int4_normal"] = .flag(normalGain > 0)
        findings["formats_nf4"] = ["gain_normal": values["nf4_gain_normal"]!, "gain_t": values["nf4_gain_t"]!]
        return Table(columns: [
            .init("distribution"), .init("scheme"), .init("MSE", style: .plain), .init("SQNR", style: .decibels),
            .init("storage", style: .bitsPerWeight),
        ], rows: rows)
    }

    /// Table of model memory; fills the memory finding.
    func memoryTable(
        _ q: TrialQuery<FormatsSchema>, values: inout [String: TemplateValue], findings: inout [String: TemplateValue]
    ) throws -> Table {
        let memory = q.all(.memory)
        var layouts: [String] = []
        for r in memory { if case .string(let l)? = r[Parameter.layout], !layouts.contains(l) { layouts.append(l) } }
        let models = Array(Set(memory.compactMap { $0[Parameter.modelParameters]?.numberValue })).sorted()
        guard !layouts.isEmpty, !models.isEmpty else { throw ChapterError(section: section, "no memory trials") }
        var rows: [[Table.Cell]] = []
        let bitsPerWeight = try layouts.map { l in
            try q.value(.bitsPerWeight, .memory, [.layout: .string(l), .modelParameters: .double(models[0])])
        }
        for n in models {
            rows.append([.text("\(Self.plain(n / 1e9))B parameters")] + (try layouts.map { l in
                .number(try q.value(.bytes, .memory, [.layout: .string(l), .modelParameters: .double(n)]))
            }))
        }
        let big = models.first { $0 == 70e9 } ?? models.last!
        let fp16 = try q.value(.bytes, .memory, [.layout: "fp16/bf16", .modelParameters: .double(big)])
        let int4 = try q.value(.bytes, .memory, [.layout: "int4 g128", .modelParameters: .double(big)])
        findings["formats_memory"] = [
            "model": .text("\(Self.plain(big / 1e9))B"), "fp16": .number(fp16, .bytes(in: .giga)),
            "int4": .number(int4, .bytes(in: .giga)), "ratio": .number(fp16 / int4, .ratio),
        ]
        values["memory_70b_fp16"] = .number(fp16, .bytes(in: .giga))
        values["memory_70b_int4"] = .number(int4, .bytes(in: .giga))
        values["memory_ratio"] = .number(fp16 / int4, .ratio)
        let columns = zip(layouts, bitsPerWeight).map { layout, bits in
            Table.Column("\(layout), \((try? NumberStyle.bitsPerWeight.formatNumber(bits)) ?? "\(bits)") b/w", style: .bytes(in: .giga).digits(4))
        }
        return Table(columns: [.init("model")] + columns, rows: rows)
    }

    /// The display name of a format by its CLI name.
    static func displayName(of name: String) -> String {
        FormatTable.builtIn.formats.first { $0.name == name }?.displayName ?? name
    }

    /// The display name of a levels scheme.
    static func schemeName(_ scheme: String) -> String {
        ["int4-symmetric": "INT4 symmetric", "int4-asymmetric": "INT4 asymmetric", "nf4": "NF4"][scheme] ?? scheme
    }

    /// A number without trailing `.0` (70000, 0.5).
    static func plain(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }
}
