/// Everything one chapter template may show: named values, and the figures and tables it places.
///
/// The names `figure`, `table`, `ref` and `cite` are reserved at the top level: the builder fills
/// them with the placed blocks, the numbered references of the whole report and its citations.
public struct ChapterContext: Sendable, Equatable {
    /// Values by placeholder name.
    public var values: [String: TemplateValue]
    /// Figures, each placed exactly once by this chapter's template.
    public var figures: [PlacedFigure]
    /// Tables, each placed exactly once by this chapter's template.
    public var tables: [CaptionedTable]

    /// A chapter context.
    /// - Parameters:
    ///   - values: Keys use letters, digits, `_` and `-`; `figure`, `table`, `ref` and `cite` are reserved.
    ///   - figures: Figures this chapter places.
    ///   - tables: Tables this chapter places.
    public init(values: [String: TemplateValue] = [:], figures: [PlacedFigure] = [], tables: [CaptionedTable] = []) {
        for reserved in TemplateValue.reservedKeys {
            precondition(values[reserved] == nil, "\(reserved) is a reserved template name")
        }
        self.values = values
        self.figures = figures
        self.tables = tables
    }

    /// The labels this chapter declares for `kind`, in declaration order.
    func labels(_ kind: FloatKind) -> [String] {
        kind == .figure ? figures.map(\.label) : tables.map(\.label)
    }
}

/// One chapter of the report: which template renders it, with what, and where its numbers came
/// from.
public struct Chapter: Sendable, Equatable {
    /// What the chapter can show.
    public enum Content: Sendable, Equatable {
        /// Results exist: the template renders with this context.
        case filled(ChapterContext)
        /// No results exist (the section never ran, or its only run failed): the chapter shows
        /// its title and a note. `error` is the failed run's message, or `nil` if it never ran.
        /// The template is still parsed, so a syntax error shows, but its names are not checked.
        case unavailable(error: String?)
    }

    /// The template's file name in the template directory (`01-formats.md.mustache`).
    public var template: String
    /// What the chapter shows.
    public var content: Content
    /// Where the chapter's results came from; `nil` for chapters without an experiment.
    public var provenance: Provenance?

    /// A chapter.
    /// - Parameters:
    ///   - template: The template's file name.
    ///   - content: The context, or why there is none.
    ///   - provenance: Ends the chapter with a provenance line (and a failure note if its latest
    ///     run failed).
    public init(template: String, content: Content, provenance: Provenance? = nil) {
        self.template = template
        self.content = content
        self.provenance = provenance
    }
}
