import Analysis
import Charts
public import Records

/// The `decoder` chapter (language, part 2): a character-level GPT trained here on the KJV text,
/// round-to-nearest against GPTQ and NF4 on it, and the decode speed of a Llama-2-7B-shaped
/// block, from the `decoder` section's records (`DecoderResults`, `DecodeSpeed`).
public struct DecoderChapter: ChapterBuilder {
    /// The builder.
    public init() {}

    /// `DecoderSchema.section`.
    public var section: String { DecoderSchema.section }
    /// The findings this chapter may contribute to the pros-and-cons chapter.
    public var findingNames: [String] { ["decoder_gptq", "decoder_int8", "decoder_decode_speed", "decoder_low_bits"] }

    /// The chapter from the section's records.
    /// - Throws: `ChapterError` when the records lack what the chapter needs.
    public func build(_ records: [TrialRecord]) throws -> ChapterOutput {
        let results: DecoderResults, speed: DecodeSpeed
        do {
            results = try DecoderResults(records)
            speed = try DecodeSpeed(results)
        } catch { throw ChapterError(section: section, "\(error)") }
        var values: [String: TemplateValue] = [:]
        var findings: [String: TemplateValue] = [:]
        let summaries = DecoderVariantSummary.all(results)
        trainingValues(results, into: &values)
        try qualityValues(results, summaries, into: &values, findings: &findings)
        try decodeValues(results, speed, into: &values, findings: &findings)
        return ChapterOutput(
            values: values, charts: try charts(results, summaries, speed), tables: try tables(results, summaries, speed), findings: findings,
            decisions: decisions(values))
    }
}
