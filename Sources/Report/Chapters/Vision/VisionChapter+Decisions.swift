import Records

extension VisionChapter {
    /// The decision table's digit-CNN column: each format's accuracy change against the FP32
    /// parent in points, with its paired 95 % interval, and the INT8 engine's measured speed.
    func decisions(_ values: [String: TemplateValue]) -> [DecisionEntry] {
        func change(_ key: String) -> String? {
            guard case .record(let c)? = values[key], let d = c["delta"]?.printed(),
                  let lo = c["lower"]?.printed(), let hi = c["upper"]?.printed() else { return nil }
            return "\(d) points [\(lo), \(hi)]"
        }
        var entries: [DecisionEntry] = []
        let rows: [(DecisionEntry.Row, String, String)] = [
            (.fp16, "fp16", ""), (.bf16, "bf16", ""), (.fp8e4m3, "fp8_e4m3", ""), (.fp8e5m2, "fp8_e5m2", ""),
            (.nf4, "nf4", ""), (.w8a8, "w8a8", ""), (.int4Group, "w4", "per channel, weights only: "),
        ]
        for (row, key, prefix) in rows {
            if let text = change(key) { entries.append(DecisionEntry(row, .vision, prefix + text)) }
        }
        if let name = values["qat_low_name"]?.printed(), case .record(let qat)? = values["qat_low"], case .record(let ptq)? = values["ptq_low"],
           let q = qat["accuracy"]?.printed(), let p = ptq["accuracy"]?.printed() {
            entries.append(DecisionEntry(.lowBitQAT, .vision, "\(name): \(q) after QAT, \(p) after PTQ"))
        }
        if case .record(let ratio)? = values["engine_speedup_large"], let speedup = ratio["value"]?.printed(),
           let batch = values["engine_batch_large"]?.printed() {
            entries.append(DecisionEntry(.w8a8, .speed, "CNN on oneDNN INT8: \(speedup) FP32's images/s (batch \(batch))"))
        }
        return entries
    }
}
