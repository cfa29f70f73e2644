#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Analysis
import Records

extension DecoderChapter {
    /// A model's metrics as a template record: `bpc`, `ppl`, `kl`, `agree` (each with interval),
    /// `bits` (per weight), `bytes`.
    static func variantValue(_ s: DecoderVariantSummary) -> TemplateValue {
        .record([
            "bpc": TemplateValue.interval(s.bpc, .plain.digits(4)), "ppl": TemplateValue.interval(s.ppl, .plain.digits(4)),
            "kl": TemplateValue.interval(s.kl, .plain.digits(3)), "agree": TemplateValue.interval(s.agree, .percent),
            "bits": .number(s.variant.bitsPerWeight, .bitsPerWeight), "bytes": .number(s.variant.modelBytes, .bytes),
        ])
    }

    /// Paired differences as a template record: `ppl`, `kl` (each with interval).
    static func pairedValue(ppl: ConfidenceInterval, kl: ConfidenceInterval) -> TemplateValue {
        .record(["ppl": TemplateValue.interval(ppl, .plain.digits(3)), "kl": TemplateValue.interval(kl, .plain.digits(3))])
    }

    /// The model, training and curve.
    func trainingValues(_ r: DecoderResults, into values: inout [String: TemplateValue]) {
        typealias S = DecoderSchema
        let t = r.training
        func number(_ p: S.Parameter) -> Double { t[p]?.numberValue ?? .nan }
        func metric(_ m: S.Metric) -> Double { t[m]?.value ?? .nan }
        values["layers"] = .number(number(.layers), .count)
        values["several_layers"] = .flag(number(.layers) > 1)
        values["width"] = .number(number(.hidden), .count)
        values["heads"] = .number(number(.heads), .count)
        values["context"] = .number(number(.context), .count)
        values["batch"] = .number(number(.batch), .count)
        if case .string(let books)? = t[S.Parameter.books] { values["held_out_books"] = .text(books) }
        values["checkpoint_loaded"] = .flag(t[S.Parameter.checkpoint] == .string("loaded"))
        values["parameters"] = .number(metric(.parameters), .count)
        values["steps"] = .number(metric(.steps), .count)
        values["tokens_per_step"] = .number(metric(.tokensPerStep), .count)
        values["training_seconds"] = .number(metric(.seconds), .duration)
        values["step_seconds"] = .number(metric(.stepSeconds), .duration)
        // PyTorch 1.13 on two threads: 0.89 s per step of 32 × 128 characters at width 192, 4 layers (issue 13).
        values["pytorch_step_seconds"] = .number(0.89, .duration)
        if let shape = r.stepShape, !r.stepSeconds.isEmpty {
            func dims(_ p: S.Parameter) -> Double { shape[p]?.numberValue ?? .nan }
            let median = r.stepSeconds.medianConfidenceInterval()
            values["step_timing"] = .record([
                "value": .number(median.estimate, .duration), "lower": .number(median.lower, .duration), "upper": .number(median.upper, .duration),
                "width": .number(dims(.hidden), .count), "layers": .number(dims(.layers), .count), "heads": .number(dims(.heads), .count),
                "batch": .number(dims(.batch), .count), "context": .number(dims(.context), .count), "repeats": .number(Double(r.stepSeconds.count), .count),
            ])
            values["same_shape_as_pytorch"] = .flag(dims(.hidden) == 192 && dims(.layers) == 4 && dims(.batch) == 32 && dims(.context) == 128)
            values["step_faster_than_pytorch"] = .flag(median.estimate <= 0.89)
        } else {
            values["same_shape_as_pytorch"] = .flag(false)
            values["step_faster_than_pytorch"] = .flag(false)
        }
        values["training_within_floor"] = .flag(metric(.seconds) <= 480)
        values["vocabulary"] = .number(metric(.vocabulary), .count)
        values["train_characters"] = .number(metric(.trainCharacters), .count)
        values["held_out_characters"] = .number(metric(.heldOutCharacters), .count)
        if let last = r.curve.last {
            values["final_train_bpc"] = .number(last.trainLoss / log(2.0), .plain.digits(3))
            values["final_validation_bpc"] = .number(last.validationBPC, .plain.digits(3))
        }
        values["chunks"] = .number(Double(r.fp32.metrics.tokens.count), .count)
        values["prompt"] = .text(r.prompt)
        values["samples"] = .list(r.samples.map { s in
            .record(["variant": .text(Self.displayName(s.variant)), "text": .text(s.text.replacingOccurrences(of: "\n", with: " / "))])
        })
    }

    /// Quality of every model against FP32 and GPTQ against RTN; findings.
    func qualityValues(
        _ r: DecoderResults, _ summaries: [String: DecoderVariantSummary], into values: inout [String: TemplateValue],
        findings: inout [String: TemplateValue]
    ) throws {
        values["fp32"] = Self.variantValue(summaries["fp32"]!)
        func need(_ name: String) throws -> DecoderResults.Variant {
            guard let v = r.variant(name) else { throw ChapterError(section: section, "no \(name) model in the records") }
            return v
        }
        for name in ["rtn-w8-channel", "rtn-w4-channel", "rtn-w3-channel", "rtn-w4-g128", "rtn-w3-g128", "nf4-b64", "fp8-e4m3",
                     "gptq-w4-g128", "gptq-w3-g128", "gptq-w4-g128-act", "gptq-w3-g128-act", "w8a8-tensor", "w8a8-token", "w4a8-token"] {
            let v = try need(name)
            let key = name.replacingOccurrences(of: "-", with: "_")
            values[key] = Self.variantValue(summaries[v.name]!)
            values[key + "_vs_fp32"] = .record(["bpc": TemplateValue.interval(summaries[v.name]!.bpcVsFP32, .plain.digits(3))])
        }
        var gptqBetter: [String: TemplateValue] = [:]
        for bits in [4, 3] {
            let rtn = try need("rtn-w\(bits)-g128")
            for suffix in ["", "-act"] {
                let gptq = try need("gptq-w\(bits)-g128\(suffix)")
                let ppl = gptq.metrics.difference(.perplexity, to: rtn.metrics), kl = gptq.metrics.difference(.kl, to: rtn.metrics)
                let key = "gptq\(bits)\(suffix.isEmpty ? "" : "_act")_vs_rtn"
                values[key] = Self.pairedValue(ppl: ppl, kl: kl)
                values[key + "_better"] = .flag(ppl.upper < 0 && kl.upper < 0)
                if suffix.isEmpty { gptqBetter["w\(bits)"] = .flag(ppl.upper < 0 && kl.upper < 0) }
            }
        }
        let both = gptqBetter.values.allSatisfy { if case .flag(true) = $0 { return true }; return false }
        values["gptq_floor_met"] = .flag(both)
        findings["decoder_gptq"] = .record([
            "both_better": .flag(both), "w4": values["gptq4_vs_rtn"]!, "w3": values["gptq3_vs_rtn"]!,
            "rtn4": values["rtn_w4_g128"]!, "gptq4": values["gptq_w4_g128"]!, "rtn3": values["rtn_w3_g128"]!, "gptq3": values["gptq_w3_g128"]!,
        ])
        // Published anchors (issue 13), labelled as such in the prose: GPTQ's OPT-125M on
        // WikiText-2 (Frantar et al. 2022, table 3) and llama.cpp's Llama-3-8B perplexities.
        func rise(_ x: Double, over base: Double) -> TemplateValue { .number(x / base - 1, .percent) }
        let fp32PPL = summaries["fp32"]!.ppl.estimate
        func ppl(_ name: String) throws -> Double { summaries[try need(name).name]!.ppl.estimate }
        values["anchor"] = .record([
            "opt_fp16": .number(27.65, .plain.digits(4)), "opt_rtn4": .number(37.28, .plain.digits(4)), "opt_gptq4": .number(31.12, .plain.digits(4)),
            "opt_rtn4_rise": rise(37.28, over: 27.65), "opt_gptq4_rise": rise(31.12, over: 27.65),
            "llama_f16": .number(6.233, .plain.digits(4)), "llama_q8": .number(6.234, .plain.digits(4)), "llama_q4": .number(6.700, .plain.digits(4)),
            "llama_q8_rise": rise(6.234, over: 6.233), "llama_q4_rise": rise(6.700, over: 6.233),
        ])
        values["ours"] = .record([
            "rtn4_rise": rise(try ppl("rtn-w4-g128"), over: fp32PPL),
            "gptq4_rise": rise(try ppl("gptq-w4-g128"), over: fp32PPL),
            "w8_rise": rise(try ppl("rtn-w8-channel"), over: fp32PPL),
            "rtn3_rise": rise(try ppl("rtn-w3-g128"), over: fp32PPL),
            "gptq3_rise": rise(try ppl("gptq-w3-g128"), over: fp32PPL),
        ])
        let w8 = try need("rtn-w8-channel")
        let w8kl = summaries[w8.name]!.kl
        values["w8_negligible"] = .flag(summaries[w8.name]!.bpcVsFP32.upper < 0.01)
        findings["decoder_int8"] = .record(["kl": TemplateValue.interval(w8kl, .plain.digits(3)), "vs_fp32": values["rtn_w8_channel_vs_fp32"]!,
                                            "agree": TemplateValue.interval(summaries[w8.name]!.agree, .percent)])
        let w3 = try need("rtn-w3-channel")
        if summaries[w3.name]!.bpcVsFP32.lower > 0 {
            findings["decoder_low_bits"] = .record(["w3": values["rtn_w3_channel"]!, "vs_fp32": values["rtn_w3_channel_vs_fp32"]!,
                                                    "w3_g128": values["rtn_w3_g128"]!])
        }
    }

    /// Decode speed of the 7B-shaped block; findings.
    func decodeValues(
        _ r: DecoderResults, _ speed: DecodeSpeed, into values: inout [String: TemplateValue], findings: inout [String: TemplateValue]
    ) throws {
        typealias S = DecoderSchema
        guard let shape = r.decodeShape else { throw ChapterError(section: section, "no decode timings") }
        func number(_ p: S.Parameter) -> Double { shape[p]?.numberValue ?? .nan }
        values["decode_hidden"] = .number(number(.hidden), .count)
        values["decode_intermediate"] = .number(number(.intermediate), .count)
        values["decode_heads"] = .number(number(.heads), .count)
        values["decode_context"] = .number(number(.context), .count)
        // Llama-2-7B: hidden 4096, MLP 11008, 32 heads (the full profile; the quick one is narrower).
        values["decode_is_7b"] = .flag(number(.hidden) == 4096 && number(.intermediate) == 11008 && number(.heads) == 32)
        func entry(_ format: String) throws -> DecodeSpeed.Entry {
            guard let e = speed[format] else { throw ChapterError(section: section, "no \(format) decode timings") }
            return e
        }
        for format in ["fp32", "int8", "w8a8", "w4a8"] {
            let e = try entry(format)
            values["decode_\(format)"] = .record([
                "tokens": .number(e.tokensPerSecond, .plain.digits(3)),
                "model_tokens": .number(speed.modelTokensPerSecond(e), .plain.digits(3)),
                "ms": .number(e.seconds.estimate * 1000, .plain.digits(3)),
                "speedup": TemplateValue.interval(e.speedup, .plain.digits(3)),
                "weight_bytes": .number(e.weightBytes, .bytes), "bandwidth": .number(e.effectiveBandwidth, .bytesPerSecond()),
                "share": .number(speed.bandwidthShare(e), .percent),
            ])
        }
        values["probe_bandwidth"] = .number(speed.probeBandwidth.estimate, .bytesPerSecond())
        values["decode_blocks"] = .number(Double(speed.blocks), .count)
        let int4 = try entry("w4a8").speedup.estimate, int8 = try entry("int8").speedup.estimate
        let w8a8 = try entry("w8a8").speedup.estimate
        values["int4_floor_met"] = .flag(int4 >= 5)
        values["int8_floor_met"] = .flag(max(int8, w8a8) >= 3)
        findings["decoder_decode_speed"] = .record([
            "int4": .number(int4, .plain.digits(3)), "int8": .number(int8, .plain.digits(3)), "w8a8": .number(w8a8, .plain.digits(3)),
            "int4_model_tokens": values["decode_w4a8"].flatMap { $0.child("model_tokens") } ?? .number(0, .plain),
            "fp32_model_tokens": values["decode_fp32"].flatMap { $0.child("model_tokens") } ?? .number(0, .plain),
        ])
    }

    /// How a variant is named in prose and tables.
    static func displayName(_ name: String) -> String {
        switch name {
        case "fp32": return "FP32"
        case "nf4-b64": return "NF4, blocks of 64"
        case "fp8-e4m3": return "FP8 E4M3 (emulated)"
        case "w8a8-tensor": return "W8A8, per-tensor activations (emulated)"
        case "w8a8-token": return "W8A8, per-token activations (emulated)"
        case "w4a8-token": return "W4A8 g128, per-token activations (emulated)"
        default:
            let parts = name.split(separator: "-")
            guard parts.count >= 3 else { return name }
            let method = parts[0] == "gptq" ? "GPTQ" : "RTN"
            let granularity = parts[2] == "channel" ? "per channel" : "groups of \(parts[2].dropFirst())"
            return "\(method) INT\(parts[1].dropFirst()), \(granularity)\(parts.count > 3 ? ", act-order" : "")"
        }
    }
}
