import Analysis
import Charts
public import Records

/// The `encoder` chapter: the pretrained all-MiniLM-L6-v2 in Swift, its activation outliers,
/// and quantization of its linear layers, from the `encoder` section's records (`EncoderResults`).
public struct EncoderChapter: ChapterBuilder {
    /// The builder.
    public init() {}

    /// `EncoderSchema.section`.
    public var section: String { EncoderSchema.section }
    /// The findings this chapter may contribute to the pros-and-cons chapter.
    public var findingNames: [String] { ["encoder_outliers", "encoder_w8a8", "encoder_weight_only"] }

    /// The chapter from the section's records.
    /// - Throws: `ChapterError` when the records lack what the chapter needs.
    public func build(_ records: [TrialRecord]) throws -> ChapterOutput {
        let results: EncoderResults
        do { results = try EncoderResults(records) } catch { throw ChapterError(section: section, "\(error)") }
        var values: [String: TemplateValue] = [:]
        var findings: [String: TemplateValue] = [:]
        try outlierValues(results, into: &values, findings: &findings)
        try schemeValues(results, into: &values, findings: &findings)
        return ChapterOutput(
            values: values, charts: try charts(results), tables: try tables(results), findings: findings, decisions: decisions(results))
    }

    /// A scheme that must exist.
    func require(_ r: EncoderResults, _ label: String) throws -> EncoderResults.Scheme {
        guard let s = r.scheme(label) else { throw ChapterError(section: section, "no \(label) trials") }
        return s
    }

    /// A readable name of a scheme label.
    static func name(_ label: String) -> String {
        let fixed: [String: String] = [
            "bf16": "BF16 weights and inputs", "int8-channel": "INT8 weights, per channel", "int4-channel": "INT4 weights, per channel",
            "nf4-b64": "NF4 weights, blocks of 64", "fp8-e4m3-channel": "FP8 E4M3 weights, per channel",
            "w8a8-minmax": "W8A8, static min-max", "w8a8-percentile": "W8A8, static percentile", "w8a8-mse": "W8A8, static MSE",
            "w8a8-dynamic": "W8A8, dynamic per tensor", "w8a8-token": "W8A8, dynamic per token", "llm.int8": "LLM.int8 (threshold 6)",
        ]
        if let n = fixed[label] { return n }
        if label.hasPrefix("int4-g"), label.hasSuffix("-gptq") {
            return "INT4 weights, groups of \(label.split(separator: "-")[1].dropFirst()), GPTQ"
        }
        if label.hasPrefix("int4-g") {
            let parts = label.split(separator: "-")
            return "INT4 weights, groups of \(parts[1].dropFirst()), \(parts[2] == "sym" ? "symmetric" : "asymmetric")"
        }
        if label.hasPrefix("w8a8-token-sq") { return "W8A8 per token + SmoothQuant α = \(label.dropFirst("w8a8-token-sq".count))" }
        if label.hasPrefix("w8a8-dynamic-sq") { return "W8A8 per tensor + SmoothQuant α = \(label.dropFirst("w8a8-dynamic-sq".count))" }
        return label
    }

    /// Mean cosine, its interval and the 1st percentile, as a record for the template.
    static func schemeValue(_ s: EncoderResults.Scheme) -> TemplateValue {
        .record([
            "name": .text(name(s.label)),
            "cosine": .number(s.cosine.estimate, .plain.digits(5)), "cosine_lower": .number(s.cosine.lower, .plain.digits(5)),
            "cosine_upper": .number(s.cosine.upper, .plain.digits(5)), "p01": .number(s.cosineP01.estimate, .plain.digits(4)),
            "overlap": .number(s.overlap.estimate, .plain.digits(3)), "overlap_lower": .number(s.overlap.lower, .plain.digits(3)),
            "overlap_upper": .number(s.overlap.upper, .plain.digits(3)), "bytes": .number(s.weightBytes, .bytes),
        ])
    }
}
