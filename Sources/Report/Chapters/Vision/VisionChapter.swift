import Analysis
import Charts
public import Records

/// The `vision` chapter: a CNN trained here on MNIST-5k, quantized after training, from the
/// `vision` section's records (`VisionResults`).
public struct VisionChapter: ChapterBuilder {
    /// The builder.
    public init() {}

    /// `VisionSchema.section`.
    public var section: String { VisionSchema.section }
    /// The findings this chapter may contribute to the pros-and-cons chapter.
    public var findingNames: [String] { ["vision_w8a8", "vision_low_bits", "vision_calibration", "vision_kl", "vision_qat", "vision_int8_engine"] }

    /// The chapter from the section's records.
    /// - Throws: `ChapterError` when the records lack what the chapter needs.
    public func build(_ records: [TrialRecord]) throws -> ChapterOutput {
        let results: VisionResults, mlp: VisionResults
        do {
            results = try VisionResults(records, model: "cnn")
            mlp = try VisionResults(records, model: "mlp")
        } catch { throw ChapterError(section: section, "\(error)") }
        var values: [String: TemplateValue] = [:]
        var findings: [String: TemplateValue] = [:]
        try setupValues(results, into: &values)
        try resultValues(results, into: &values, findings: &findings)
        try mlpValues(cnn: results, mlp: mlp, into: &values)
        try mlpQATValues(cnn: results, mlp: mlp, into: &values)
        return ChapterOutput(
            values: values, charts: try charts(results), tables: try tables(results) + [try mlpTable(cnn: results, mlp: mlp)],
            findings: findings)
    }
}
