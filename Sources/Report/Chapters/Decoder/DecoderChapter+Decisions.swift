import Records

extension DecoderChapter {
    /// The decision table's character-LM column: the change in bits per character against FP32
    /// per format (paired over the same chunks), GPTQ against RTN, and the 7B-shaped block's
    /// decode speedups.
    func decisions(_ values: [String: TemplateValue]) -> [DecisionEntry] {
        var entries: [DecisionEntry] = []
        func add(_ row: DecisionEntry.Row, _ key: String, _ prefix: String = "") {
            guard let v = values.printed("\(key).bpc.value") else { return }
            entries.append(DecisionEntry(row, .decoder, "\(prefix)\(v) bits per character vs FP32"))
        }
        add(.int8PerChannel, "rtn_w8_channel_vs_fp32")
        add(.int4Group, "rtn_w4_g128_vs_fp32", "RTN g128: ")
        add(.nf4, "nf4_b64_vs_fp32")
        add(.fp8e4m3, "fp8_e4m3_vs_fp32", "weights: ")
        if let p = values.printed("gptq4_vs_rtn.ppl.value") {
            entries.append(DecisionEntry(.int4Group, .decoder, "GPTQ changes perplexity by \(p) against RTN"))
        }
        if let kl = values.printed("w8a8_token.kl.value") { entries.append(DecisionEntry(.w8a8, .decoder, "per token: KL \(kl) nats/character")) }
        if let s = values.printed("decode_w4a8.speedup.value") { entries.append(DecisionEntry(.w4a8, .speed, "7B-shaped block decode \(s)× FP32")) }
        if let s = values.printed("decode_int8.speedup.value") { entries.append(DecisionEntry(.int8PerChannel, .speed, "7B-shaped block decode \(s)× FP32 (FP32 activations)")) }
        return entries
    }
}
