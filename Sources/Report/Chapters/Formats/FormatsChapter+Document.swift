import Charts
import Foundation
import Records

private typealias Parameter = FormatsSchema.Parameter
private typealias Metric = FormatsSchema.Metric

extension FormatsChapter {
    /// Which formats this CPU computes natively, from the recorded CPU flags, next to recent
    /// GPUs' tensor-core formats from published specifications (labelled as such).
    func nativeTable(_ q: TrialQuery<FormatsSchema>, values: inout [String: TemplateValue]) -> Table {
        let flags = Set(q.all(.cpuFlag).filter { $0[Parameter.present] == .bool(true) }.compactMap { $0[Parameter.flag]?.description })
        func has(_ any: String...) -> String? { any.first { flags.contains($0) } }
        let rows: [(String, String, String)] = [
            ("FP16", has("avx512_fp16").map { "yes (`\($0)`)" } ?? "conversion only (`f16c`), no arithmetic", "V100 and later (tensor cores)"),
            ("BF16", has("avx512_bf16", "amx_bf16").map { "dot products (`\($0)`)" } ?? "no", "A100 and later"),
            ("FP8 E4M3/E5M2", "no instruction", "H100 and later"),
            ("INT8", has("amx_int8", "avx512_vnni").map { "dot products (`\($0)`)" } ?? (flags.contains("avx2") ? "16-bit products (`avx2`)" : "no"), "Turing and later (tensor cores)"),
            ("INT4 / FP4", "no instruction: unpacked to INT8", "INT4: Turing, Ampere; FP4 (MX): Blackwell"),
        ]
        values["cpu_has_fp16_arithmetic"] = .flag(flags.contains("avx512_fp16"))
        values["cpu_bf16_flag"] = .text(has("avx512_bf16", "amx_bf16").map { "`\($0)`" } ?? "none")
        values["cpu_int8_flag"] = .text(has("amx_int8", "avx512_vnni").map { "`\($0)`" } ?? "none")
        return Table(
            columns: [.init("format"), .init("this CPU (its flags, measured)"), .init("NVIDIA GPUs (published specifications)")],
            rows: rows.map { [.text($0.0), .text($0.1), .text($0.2)] })
    }

    /// KV-cache and activation bytes per model shape and batch at each cache format.
    func kvTable(_ q: TrialQuery<FormatsSchema>, values: inout [String: TemplateValue], findings: inout [String: TemplateValue]) throws -> Table {
        let records = q.all(.kvCache)
        guard let first = records.first else { throw ChapterError(section: section, "no kv-cache trials; rerun the section") }
        var layouts: [String] = []
        for r in records { if let l = r[Parameter.layout]?.description, !layouts.contains(l) { layouts.append(l) } }
        var rows: [[Table.Cell]] = []
        var seen: [String] = []
        for r in records {
            let model = r[Parameter.model]!.description, batch = r[Parameter.batch]!
            let key = "\(model) \(batch)"
            guard !seen.contains(key) else { continue }
            seen.append(key)
            let mine = records.matching([Parameter.model: .string(model), .batch: batch])
            rows.append([.text(model), .number(batch.numberValue ?? 0)] + layouts.map { l in
                .number(mine.matching([Parameter.layout: .string(l)]).first?[Metric.kvBytes]?.value ?? .nan)
            } + [.number(mine.first?[Metric.activationBytes]?.value ?? .nan)])
        }
        let context = first[Parameter.context]?.numberValue ?? 0
        values["kv_context"] = .number(context, .count)
        // The 7B shape at the largest batch against its FP16 weights.
        let batches = records.compactMap { $0[Parameter.batch]?.numberValue }
        let big = batches.max() ?? 1
        let sevenB = records.matching([Parameter.model: "Llama-2-7B", .batch: .int(Int(big)), .layout: "fp16"]).first
        let weights7B = try? q.value(.bytes, .memory, [.layout: "fp16/bf16", .modelParameters: .double(7e9)])
        if let kv = sevenB?[Metric.kvBytes]?.value, let w = weights7B {
            values["kv_7b_batch"] = .number(big, .count)
            values["kv_7b_fp16"] = .number(kv, .bytes(in: .giga))
            values["kv_7b_weights"] = .number(w, .bytes(in: .giga))
            values["kv_7b_over_weights"] = .number(kv / w, .ratio)
            findings["formats_kv_cache"] = ["batch": .number(big, .count), "context": .number(context, .count),
                                            "kv": .number(kv, .bytes(in: .giga)), "weights": .number(w, .bytes(in: .giga))]
        }
        let int4 = records.matching([Parameter.model: "Llama-2-7B", .batch: .int(Int(big)), .layout: "int4 g128"]).first?[Metric.kvBytes]?.value
        values["kv_7b_int4"] = int4.map { .number($0, .bytes(in: .giga)) } ?? .text("—")
        let seventy = records.matching([Parameter.model: "Llama-2-70B", .batch: .int(Int(big)), .layout: "fp16"]).first?[Metric.kvBytes]?.value
        values["kv_70b_fp16"] = seventy.map { .number($0, .bytes(in: .giga)) } ?? .text("—")
        return Table(
            columns: [.init("model"), .init("batch", style: .count)] + layouts.map { .init("KV cache, \($0)", style: .bytes(in: .giga)) }
                + [.init("MLP activation (FP16)", style: .bytes(in: .giga))],
            rows: rows)
    }

    /// The measured SQNR of b-bit quantization against the rule 6.02·b + 1.76 dB.
    func sqnrTable(_ q: TrialQuery<FormatsSchema>, values: inout [String: TemplateValue]) throws -> Table {
        let records = q.all(.sqnrRule)
        guard !records.isEmpty else { throw ChapterError(section: section, "no sqnr-rule trials; rerun the section") }
        func sqnr(_ d: String, _ b: Int, _ c: String) -> Double {
            records.matching([Parameter.distribution: .string(d), .bits: .int(b), .calibration: .string(c)]).first?[Metric.sqnr]?.value ?? .nan
        }
        let bits = Array(Set(records.compactMap { $0[Parameter.bits]?.numberValue.map { Int($0) } })).sorted()
        let rows: [[Table.Cell]] = bits.map { b in
            [.number(Double(b)), .number(6.02 * Double(b) + 1.76), .number(sqnr("uniform", b, "minmax")),
             .number(sqnr("normal", b, "minmax")), .number(sqnr("normal", b, "mse"))]
        }
        values["sqnr_uniform_8"] = .number(sqnr("uniform", 8, "minmax"), .decibels)
        values["sqnr_normal_8"] = .number(sqnr("normal", 8, "minmax"), .decibels)
        values["sqnr_normal_mse_8"] = .number(sqnr("normal", 8, "mse"), .decibels)
        values["sqnr_normal_4"] = .number(sqnr("normal", 4, "minmax"), .decibels)
        values["sqnr_normal_mse_4"] = .number(sqnr("normal", 4, "mse"), .decibels)
        values["sqnr_rule_8"] = .number(6.02 * 8 + 1.76, .decibels)
        values["sqnr_normal_shortfall_8"] = .number(6.02 * 8 + 1.76 - sqnr("normal", 8, "minmax"), .decibels)
        values["sqnr_clip_gain_4"] = .number(sqnr("normal", 4, "mse") - sqnr("normal", 4, "minmax"), .decibels)
        // The slope per bit between 4 and 8 bits: the rule's 6.02 dB.
        values["sqnr_uniform_slope"] = .number((sqnr("uniform", 8, "minmax") - sqnr("uniform", 4, "minmax")) / 4, .decibels)
        return Table(columns: [
            .init("bits", style: .count), .init("rule 6.02·b + 1.76", style: .decibels),
            .init("uniform, min-max", style: .decibels), .init("normal, min-max", style: .decibels), .init("normal, MSE clipping", style: .decibels),
        ], rows: rows)
    }

    /// SQNR against bits: the rule's line and the measured series.
    func sqnrChart(_ q: TrialQuery<FormatsSchema>) -> Charts.Figure {
        let records = q.all(.sqnrRule)
        let bits = Array(Set(records.compactMap { $0[Parameter.bits]?.numberValue })).sorted()
        func series(_ d: String, _ c: String) -> [Double] {
            bits.map { b in records.matching([Parameter.distribution: .string(d), .bits: .int(Int(b)), .calibration: .string(c)]).first?[Metric.sqnr]?.value ?? .nan }
        }
        let marks: [Mark] = [
            .line(Line("rule 6.02·b + 1.76 dB", x: bits, y: bits.map { 6.02 * $0 + 1.76 }, style: SeriesStyle(color: Palette.color(0), dash: .dashed))),
            .line(Line("uniform, min-max", x: bits, y: series("uniform", "minmax"), style: .series(1), markers: true)),
            .line(Line("normal, min-max", x: bits, y: series("normal", "minmax"), style: .series(2), markers: true)),
            .line(Line("normal, MSE clipping", x: bits, y: series("normal", "mse"), style: SeriesStyle(color: Palette.color(3), marker: .square, dash: .dotted), markers: true)),
        ]
        let first = bits.first ?? 0, last = bits.last ?? 0
        return Figure(
            title: "SQNR of uniform quantization against bits",
            altText: "Linear axes: SQNR in dB against bits from \(Int(first)) to \(Int(last)). The dashed rule 6.02·b + 1.76 rises 6 dB per bit; uniform data with a min-max range runs parallel just below it; normal data with a min-max range runs lower; normal data with MSE clipping lies between the two at low bit widths.",
            width: 560, height: 320,
            panel: Panel(x: Axis("bits"), y: Axis("SQNR (dB)"), legend: .best, marks: marks))
    }

    /// The published energy table and the estimate per matrix product it gives.
    func energyTable(_ q: TrialQuery<FormatsSchema>, values: inout [String: TemplateValue]) throws -> Table {
        let ops = q.all(.energyOp)
        guard !ops.isEmpty else { throw ChapterError(section: section, "no energy-op trials; rerun the section") }
        func pj(_ op: String) -> Double { ops.matching([Parameter.operation: .string(op)]).first?[Metric.picojoules]?.value ?? .nan }
        values["energy_source"] = .text(ops.first?[Parameter.source]?.description ?? "")
        let n = 4096.0
        let macs = n * n * n
        // Operands read once from DRAM: A and B, n² values each, in 64-bit words.
        let formats: [(String, Double, Double)] = [
            ("FP32", pj("fp32-mult") + pj("fp32-add"), 4), ("FP16", pj("fp16-mult") + pj("fp16-add"), 2),
            ("INT8 (INT32 sums)", pj("int8-mult") + pj("int32-add"), 1),
        ]
        let rows: [[Table.Cell]] = formats.map { name, mac, bytes in
            let compute = macs * mac * 1e-12, memory = 2 * n * n * bytes / 8 * pj("dram-64bit") * 1e-12
            return [.text(name), .number(mac), .number(compute), .number(memory)]
        }
        let fp32 = macs * (pj("fp32-mult") + pj("fp32-add")), int8 = macs * (pj("int8-mult") + pj("int32-add"))
        values["energy_n"] = .number(n, .count)
        values["energy_fp32_joules"] = .number(fp32 * 1e-12, .plain.digits(3))
        values["energy_int8_joules"] = .number(int8 * 1e-12, .plain.digits(3))
        values["energy_ratio"] = .number(fp32 / int8, .ratio)
        values["energy_dram_over_add"] = .number(pj("dram-64bit") / pj("fp32-add"), .ratio)
        return Table(columns: [
            .init("arithmetic"), .init("pJ per multiply–add", style: .plain),
            .init("compute, $n$ = 4096 (J)", style: .plain.digits(3)), .init("operands from DRAM once (J)", style: .plain.digits(3)),
        ], rows: rows)
    }
}
