import Analysis
import Records

extension EncoderChapter {
    /// The decision table's sentence-encoder column: each format's mean cosine to FP32 with its
    /// 95 % interval and the top-10 overlap; for W8A8, static per-tensor against the best
    /// outlier method; and the measured W8A8 engine speed.
    func decisions(_ r: EncoderResults) -> [DecisionEntry] {
        func cell(_ label: String, prefix: String = "") -> String? {
            guard let s = r.scheme(label) else { return nil }
            return "\(prefix)cosine \(Self.decimal(s.cosine.estimate, 5)) [\(Self.decimal(s.cosine.lower, 5)), \(Self.decimal(s.cosine.upper, 5))], top-10 overlap \(Self.decimal(s.overlap.estimate, 3))"
        }
        var entries: [DecisionEntry] = []
        let rows: [(DecisionEntry.Row, String, String)] = [
            (.bf16, "bf16", ""), (.fp8e4m3, "fp8-e4m3-channel", "weights: "), (.int8PerChannel, "int8-channel", ""),
            (.w8a8, "w8a8-minmax", "static per tensor: "), (.nf4, "nf4-b64", ""),
        ]
        for (row, label, prefix) in rows {
            if let text = cell(label, prefix: prefix) { entries.append(DecisionEntry(row, .encoder, text)) }
        }
        let outlierMethods = r.schemes.filter { ["w8a8-token", "llm.int8"].contains($0.label) || $0.label.hasPrefix("w8a8-token-sq") }
        if let best = outlierMethods.max(by: { $0.cosine.estimate < $1.cosine.estimate }), let text = cell(best.label, prefix: "\(Self.name(best.label)): ") {
            entries.append(DecisionEntry(.w8a8, .encoder, text))
        }
        let groups = r.int4GroupsRTN
        if let best = groups.max(by: { $0.cosine.estimate < $1.cosine.estimate }), let text = cell(best.label, prefix: "best RTN grouping (\(Self.name(best.label))): ") {
            entries.append(DecisionEntry(.int4Group, .encoder, text))
        }
        if let gptq = r.scheme("int4-g128-gptq"), let paired = gptq.paired, let text = cell(gptq.label, prefix: "GPTQ g128: ") {
            entries.append(DecisionEntry(.int4Group, .encoder, "\(text) (cosine \(Self.decimal(paired.cosine.estimate, 3)) [\(Self.decimal(paired.cosine.lower, 3)), \(Self.decimal(paired.cosine.upper, 3))] against RTN g128, paired)"))
        }
        if let fp32 = r.speed("fp32"), let w8a8 = r.speed("w8a8") {
            entries.append(DecisionEntry(.w8a8, .speed, "MiniLM on oneDNN INT8: \(Self.decimal(w8a8.median / fp32.median, 3))× FP32's verses/s (batch 32)"))
        }
        return entries
    }
}
