public import Report
public import Runner

/// One section of the study: the experiment that measures it, the chapter that shows it, and
/// the template the chapter renders through.
///
/// Adding a section means writing its experiment (Experiments/<Name>/), its analysis
/// (Analysis/<Name>/), its chapter (Report/Chapters/<Name>/), its record schema
/// (Records/Schemas/) and its template (`report/src/`), then one line in `Study.sections`.
public struct Section: Sendable {
    /// The experiment whose records the chapter shows.
    public let experiment: any Experiment
    /// Turns the stored records into the chapter's values, tables, charts and findings.
    public let chapter: any ChapterBuilder
    /// The chapter's template file in `report/src/` (`02-matmul.md.mustache`); templates render
    /// in file-name order.
    public let template: String

    /// A section.
    /// - Precondition: the chapter reads the records of this experiment (same section id).
    public init(_ experiment: any Experiment, _ chapter: any ChapterBuilder, template: String) {
        precondition(chapter.section == experiment.id, "chapter \(chapter.section) shows \(experiment.id)'s records")
        self.experiment = experiment
        self.chapter = chapter
        self.template = template
    }

    /// The section id: results folder, CLI argument, `make` goal (`matmul`).
    public var id: String { experiment.id }
}
