import QuantCore
import Records

extension FormatsChapter {
    /// Table of the facts of every format.
    func factsTable(_ q: TrialQuery) throws -> Table {
        let rows = try q.all(["family": "format"]).sorted { ($0.parameters["order"]!) < ($1.parameters["order"]!) }.map { r -> [Table.Cell] in
            let m = r.measurements
            let split = m["exponent_bits"].map { "\(Int($0.value))/\(Int(m["mantissa_bits"]!.value))" } ?? "—"
            func cell(_ name: String) -> Table.Cell { m[name].map { .number($0.value) } ?? .text("—") }
            return [.text(Self.displayName(of: r.parameters["format"]!.description)), .number(try q.measurement("bits", of: r)), .text(split),
                    cell("max"), cell("min_normal"), cell("min_subnormal"), cell("epsilon"), cell("finite_values")]
        }
        return Table(columns: [
            .init("format"), .init("bits", style: .count), .init("exp/mant"), .init("max", style: .plain),
            .init("min normal", style: .plain), .init("min subnormal", style: .plain), .init("epsilon", style: .plain),
            .init("finite values", style: .count),
        ], rows: rows)
    }

    /// Table of worked encodings: 0.375 (exact), 0.1 (rounded) and 70000 (overflow).
    func encodingTable(_ q: TrialQuery) throws -> Table {
        let rows = try FloatFormat.all.map { format -> [Table.Cell] in
            func record(_ v: Double) throws -> TrialRecord {
                try q.one(["family": "encoding", "format": .string(format.name), "value": .double(v)])
            }
            let exact = try record(0.375), tenth = try record(0.1), big = try record(70000)
            let exactBits = format.bitFields(of: UInt32(try q.measurement("code", of: exact))).spaced
            let tenthBits = format.bitFields(of: UInt32(try q.measurement("code", of: tenth))).spaced
            let bigDecoded = try q.measurement("decoded", of: big)
            return [
                .text(format.displayName), .text("`\(exactBits)`"), .text("`\(tenthBits)`"),
                .number(try q.measurement("decoded", of: tenth)), .number(try q.measurement("rel_error", of: tenth)),
                .text(bigDecoded.isNaN ? "NaN" : bigDecoded.isInfinite ? "∞" : Self.plain(bigDecoded)),
                .number(try q.measurement("saturated", of: big)),
            ]
        }
        return Table(columns: [
            .init("format"), .init("0.375 bits"), .init("0.1 bits"), .init("0.1 stored as", style: .plain.digits(9)),
            .init("0.1 error", style: .percent), .init("70000 stored as"), .init("70000 saturated", style: .plain),
        ], rows: rows)
    }

    /// Table of the affine example; fills the scale and zero-point values the prose cites.
    func affineTable(_ q: TrialQuery, values: inout [String: TemplateValue]) throws -> Table {
        let schemes = ["symmetric", "asymmetric", "symmetric-clipped"]
        for scheme in schemes {
            let key = scheme.replacingOccurrences(of: "-", with: "_")
            let summary: [String: ParameterValue] = ["family": "affine-summary", "scheme": .string(scheme)]
            values["affine_\(key)_scale"] = .number(try q.value("scale", summary), .plain)
            values["affine_\(key)_zero"] = .number(try q.value("zero_point", summary), .count)
            values["affine_\(key)_lower"] = .number(try q.value("range_lower", summary), .plain)
            values["affine_\(key)_upper"] = .number(try q.value("range_upper", summary), .plain)
            values["affine_\(key)_mse"] = .number(try q.value("mse", summary), .plain)
            values["affine_\(key)_maxerr"] = .number(try q.value("max_abs_error", summary), .plain)
        }
        let elements = q.all(["family": "affine", "scheme": "symmetric"]).count
        let rows = try (0..<elements).map { index -> [Table.Cell] in
            var row: [Table.Cell] = [.number(try q.value("input", ["family": "affine", "scheme": "symmetric", "index": .int(index)]))]
            for scheme in schemes {
                let r = try q.one(["family": "affine", "scheme": .string(scheme), "index": .int(index)])
                row += [.number(try q.measurement("code", of: r)), .number(try q.measurement("dequantized", of: r))]
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
    func levelsTable(_ q: TrialQuery, values: inout [String: TemplateValue], findings: inout [String: TemplateValue]) throws -> Table {
        var rows: [[Table.Cell]] = []
        var mse: [String: Double] = [:]
        for distribution in ["normal", "student-t3"] {
            for scheme in ["int4-symmetric", "int4-asymmetric", "nf4"] {
                let r = try q.one(["family": "levels", "distribution": .string(distribution), "scheme": .string(scheme)])
                mse["\(distribution)/\(scheme)"] = try q.measurement("mse", of: r)
                rows.append([.text(distribution == "normal" ? "normal" : "Student-t, ν = 3"), .text(Self.schemeName(scheme)),
                             .number(try q.measurement("mse", of: r)), .number(try q.measurement("sqnr", of: r)),
                             .number(try q.measurement("bits_per_weight", of: r))])
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
    func memoryTable(_ q: TrialQuery, values: inout [String: TemplateValue], findings: inout [String: TemplateValue]) throws -> Table {
        let memory = q.all(["family": "memory"])
        var layouts: [String] = []
        for r in memory { if case .string(let l)? = r.parameters["layout"], !layouts.contains(l) { layouts.append(l) } }
        let models = Array(Set(memory.compactMap { $0.parameters["parameters"]?.numberValue })).sorted()
        guard !layouts.isEmpty, !models.isEmpty else { throw ChapterError(section: section, "no memory trials") }
        var rows: [[Table.Cell]] = []
        let bitsPerWeight = try layouts.map { l in
            try q.value("bits_per_weight", ["family": "memory", "layout": .string(l), "parameters": .double(models[0])])
        }
        for n in models {
            rows.append([.text("\(Self.plain(n / 1e9))B parameters")] + (try layouts.map { l in
                .number(try q.value("bytes", ["family": "memory", "layout": .string(l), "parameters": .double(n)]))
            }))
        }
        let big = models.first { $0 == 70e9 } ?? models.last!
        let fp16 = try q.value("bytes", ["family": "memory", "layout": "fp16/bf16", "parameters": .double(big)])
        let int4 = try q.value("bytes", ["family": "memory", "layout": "int4 g128", "parameters": .double(big)])
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
