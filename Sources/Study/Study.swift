import Experiments
public import Records
import Report
public import Runner

/// The study: its sections in report order, looked up by id.
public struct Study: Sendable {
    /// Every section, in report order.
    public let sections: [Section]
    /// The template of the closing pros-and-cons chapter, which draws on every section's findings.
    public let prosAndConsTemplate: String
    /// The template of the summary that opens the report, drawn from the same findings.
    public let summaryTemplate: String

    /// A study of `sections`.
    /// - Precondition: section ids and templates are unique.
    public init(
        sections: [Section], prosAndConsTemplate: String = "90-pros-and-cons.md.mustache",
        summaryTemplate: String = "00-summary.md.mustache"
    ) {
        precondition(Set(sections.map(\.id)).count == sections.count, "duplicate section id")
        precondition(Set(sections.map(\.template)).count == sections.count, "two sections share a template")
        self.sections = sections
        self.prosAndConsTemplate = prosAndConsTemplate
        self.summaryTemplate = summaryTemplate
    }

    /// The registry: every section of the report, one line each, in report order.
    public static let registry = Study(sections: [
        Section(FormatsExperiment(), FormatsChapter(), template: "01-formats.md.mustache"),
        Section(MatmulExperiment(), MatmulChapter(), template: "02-matmul.md.mustache"),
        Section(LinregExperiment(), LinregChapter(), template: "03-linreg.md.mustache"),
        Section(VisionExperiment(), VisionChapter(), template: "04-vision.md.mustache"),
        Section(EncoderExperiment(), EncoderChapter(), template: "05-encoder.md.mustache"),
        Section(DecoderExperiment(), DecoderChapter(), template: "06-decoder.md.mustache"),
    ])

    /// The section ids, in report order.
    public var ids: [String] { sections.map(\.id) }

    /// The experiments of every section, in report order.
    public var experiments: [any Experiment] { sections.map(\.experiment) }

    /// The sections named by `ids`, in the order given (duplicates dropped).
    /// - Throws: `ResultsError.unknownSection` for the first unknown name, listing the known ones.
    public func sections(named ids: [String]) throws(ResultsError) -> [Section] {
        var seen = Set<String>()
        var chosen: [Section] = []
        for id in ids where seen.insert(id).inserted {
            guard let section = sections.first(where: { $0.id == id }) else {
                throw .unknownSection(id, known: self.ids)
            }
            chosen.append(section)
        }
        return chosen
    }
}
