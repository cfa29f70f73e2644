public import Charts
public import Records

/// Turns one section's stored trials into its chapter: values for the template, charts,
/// tables, and findings for the pros-and-cons chapter.
///
/// A builder is a pure function of the records (DESIGN.md: changing the analysis never needs
/// an experiment to rerun). The Study module pairs each builder with its experiment and template.
public protocol ChapterBuilder: Sendable {
    /// The id of the experiment whose results the chapter shows, e.g. `formats`.
    var section: String { get }
    /// The names of the findings this chapter may contribute to the pros-and-cons chapter;
    /// each is a section there (`{{#name}}…{{/name}}`) shown only when the finding is present.
    var findingNames: [String] { get }
    /// The chapter from the section's trial records.
    /// - Throws: when the records lack what the chapter needs (a stored run of older code).
    func build(_ records: [TrialRecord]) throws -> ChapterOutput
}

/// A chart of a chapter, drawn to `figures/<label>.{png,svg}`.
public struct ChapterChart: Sendable {
    /// The figure label, unique in the report (`formats-spacing`); also the file name.
    public var label: String
    /// What to draw; its alt text becomes the image's alt text.
    public var chart: Charts.Figure
    /// The caption under the figure (Markdown).
    public var caption: String

    /// A chart.
    public init(label: String, chart: Charts.Figure, caption: String) {
        self.label = label
        self.chart = chart
        self.caption = caption
    }
}

/// What a chapter builder produces.
public struct ChapterOutput: Sendable {
    /// Values the template names.
    public var values: [String: TemplateValue]
    /// Charts the template places as `{{{figure.LABEL}}}`.
    public var charts: [ChapterChart]
    /// Tables the template places as `{{{table.LABEL}}}`.
    public var tables: [CaptionedTable]
    /// Findings by name (a subset of the builder's `findingNames`), each a record of the
    /// numbers its pros-and-cons sentence cites.
    public var findings: [String: TemplateValue]
    /// This chapter's cells of the report's decision table (`DecisionTable`).
    public var decisions: [DecisionEntry]

    /// An output.
    public init(
        values: [String: TemplateValue], charts: [ChapterChart] = [], tables: [CaptionedTable] = [],
        findings: [String: TemplateValue] = [:], decisions: [DecisionEntry] = []
    ) {
        self.values = values
        self.charts = charts
        self.tables = tables
        self.findings = findings
        self.decisions = decisions
    }
}
