import Records

extension FormatsChapter {
    /// The decision table's storage column: bits per weight of each stored layout (scales
    /// included), from the memory trials, and the format costs the encodings show.
    func decisions(_ q: TrialQuery<FormatsSchema>) throws -> [DecisionEntry] {
        let layouts: [(String, [DecisionEntry.Row])] = [
            ("fp16/bf16", [.fp16, .bf16]), ("fp8", [.fp8e4m3, .fp8e5m2]), ("int8 per-channel", [.int8PerChannel, .w8a8]),
            ("int4 g128", [.int4Group, .w4a8]), ("nf4 b64", [.nf4]),
        ]
        let model = q.all(.memory).compactMap { $0[FormatsSchema.Parameter.modelParameters]?.numberValue }.min() ?? 0
        var entries: [DecisionEntry] = []
        for (layout, rows) in layouts {
            guard let bits = try? q.value(.bitsPerWeight, .memory, [.layout: .string(layout), .modelParameters: .double(model)]) else { continue }
            let text = try NumberStyle.bitsPerWeight.format(bits)
            entries += rows.map { DecisionEntry($0, .memory, text) }
        }
        if let max = try? q.value(.max, .format, [.format: "fp8-e4m3"]) {
            entries.append(DecisionEntry(.fp8e4m3, .formatCost, "largest value \(try NumberStyle.plain.format(max)): needs a scale per tensor"))
        }
        if let error = try? q.value(.relError, .encoding, [.value: .double(0.1), .format: "bf16"]) {
            entries.append(DecisionEntry(.bf16, .formatCost, "7 mantissa bits: 0.1 rounds by \(try NumberStyle.percent.format(error))"))
        }
        return entries
    }
}
