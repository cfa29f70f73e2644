public import Foundation
internal import Mustache

/// Builds the report: fills each chapter template, numbers figures and tables, adds contents,
/// provenance and the appendix, and writes `quantization.md` and `quantization.html`.
///
/// Templates are the `*.md.mustache` files of one directory, rendered in file-name order
/// (`01-formats.md.mustache`, `02-matmul.md.mustache`, …); each must open with a static
/// `## Title` line, and each has exactly one `Chapter`. In a template:
/// - `{{name}}`, `{{{name}}}`, `{{#name}}…{{/name}}`, `{{^name}}…{{/name}}` and `{{! comment }}`
///   work as in Mustache, except that every name must resolve (see `TemplateValidator`) and
///   nothing is HTML-escaped (the output is Markdown);
/// - `{{{figure.LABEL}}}` and `{{{table.LABEL}}}` place a declared figure or table, each at the
///   top level (outside sections) on a line of its own;
/// - `{{ref.figure.LABEL}}` and `{{ref.table.LABEL}}` become `[Figure 3](#figure-3)`;
/// - `{{cite.KEY}}` becomes `[[2]](#ref-KEY)`, numbered in order of first citation, and the
///   cited works close the document as a numbered list (`References`).
///
/// The same inputs give byte-identical output: nothing depends on dictionary order, the clock,
/// the locale or the time zone.
public struct ReportBuilder: Sendable {
    /// The document title (the one `#` heading).
    public var title: String
    /// Markdown printed under the title, before the contents; may be empty.
    public var preamble: String
    /// The directory of chapter templates (`report/src`).
    public var templateDirectory: URL
    /// One chapter per template file, in any order.
    public var chapters: [Chapter]
    /// The appendix; `nil` leaves it out.
    public var appendix: Appendix?
    /// The works templates may cite; the cited ones are listed last.
    public var references: [Reference]

    /// A builder.
    /// - Parameters:
    ///   - title: The document title.
    ///   - preamble: Markdown under the title.
    ///   - templateDirectory: The directory holding `*.md.mustache` files; errors name files as
    ///     this URL's relative path plus the file name.
    ///   - chapters: One per template.
    ///   - appendix: The reproduction appendix.
    ///   - references: The works templates may cite (`References.all`).
    public init(
        title: String, preamble: String = "", templateDirectory: URL, chapters: [Chapter], appendix: Appendix?,
        references: [Reference] = References.all
    ) {
        self.title = title
        self.preamble = preamble
        self.templateDirectory = templateDirectory
        self.chapters = chapters
        self.appendix = appendix
        self.references = references
    }

    /// The report as Markdown, with the figures it places.
    /// - Returns: The document; its Markdown ends with one newline.
    /// - Throws: `ReportError` for an unreadable template directory, a template without chapter
    ///   or a chapter without template, a syntax error, an unknown placeholder or reference, a
    ///   misplaced, unplaced or doubly placed figure or table, or a NaN/±∞ value.
    public func build() throws -> ReportDocument {
        let templates = try loadTemplates()
        var numbering = FloatNumbering()
        var citations = CitationNumbering(references: references)
        var parsed: [[TemplateNode]] = []
        for (template, chapter) in templates {
            let nodes = try TemplateParser.parse(template.text, file: template.file)
            if case .filled(let context) = chapter.content {
                try numbering.add(nodes, text: template.text, context: context, file: template.file)
                try citations.add(nodes, file: template.file)
            }
            parsed.append(nodes)
        }
        var placed: [(number: Int, figure: PlacedFigure)] = []
        var bodies: [String] = []
        for ((template, chapter), nodes) in zip(templates, parsed) {
            var body: String
            switch chapter.content {
            case .filled(let context):
                try TemplateValidator(file: template.file, numbering: numbering, citations: citations).validate(nodes, values: context.values)
                body = try render(template, context: context, numbering: numbering, citations: citations)
                placed += context.figures.map { (numbering.number(.figure, $0.label)!, $0) }
            case .unavailable(let error):
                body = "## \(template.title)\n\n" + Self.unavailableNote(error)
            }
            if let provenance = chapter.provenance { body += "\n\n" + provenance.markdown() }
            bodies.append(body)
        }
        if let appendix { bodies.append(try appendix.markdown()) }
        if let list = citations.markdown() { bodies.append(list) }

        let head = ["# \(title)", preamble, "## \(Self.contentsTitle)", contents(of: bodies)]
        let markdown = (head.filter { !$0.isEmpty } + bodies).joined(separator: "\n\n") + "\n"
        try Self.checkLinks(in: markdown)
        return ReportDocument(
            title: title, markdown: markdown,
            figures: placed.sorted { $0.number < $1.number }.map(\.figure))
    }

    /// The table of contents: one link per chapter (and the appendix) to its first heading.
    ///
    /// Anchors are counted over every heading in document order, as GitHub counts them, so a
    /// `### Method` in two chapters does not shift a chapter's anchor.
    private func contents(of bodies: [String]) -> String {
        var slugger = HeadingSlugger()
        for heading in [title] + HeadingSlugger.headings(in: preamble) + [Self.contentsTitle] {
            _ = slugger.slug(heading)
        }
        return bodies.map { body in
            let headings = HeadingSlugger.headings(in: body)
            let anchors = headings.map { slugger.slug($0) }
            return "- [\(headings[0])](#\(anchors[0]))"
        }.joined(separator: "\n")
    }

    /// Checks that every in-document link `](#anchor)` lands on a heading (GitHub's anchors,
    /// counted over the whole document) or an explicit `<a id="…">`.
    /// - Throws: `ReportError.brokenLink` for the first one that does not.
    static func checkLinks(in markdown: String) throws {
        var slugger = HeadingSlugger()
        var anchors = Set(HeadingSlugger.headings(in: markdown).map { slugger.slug($0) })
        for match in markdown.matches(of: /<a id="([^"]+)"><\/a>/) { anchors.insert(String(match.output.1)) }
        for match in markdown.matches(of: /\]\(#([^)\s]+)\)/) where !anchors.contains(String(match.output.1)) {
            throw ReportError.brokenLink(anchor: String(match.output.1))
        }
    }

    /// The heading of the table of contents.
    static let contentsTitle = "Contents"

    /// The note of a chapter without results.
    static func unavailableNote(_ error: String?) -> String {
        guard let error else { return "> **No results:** this section has not been run yet." }
        return Provenance.failureNote("this section's run failed: \(Provenance.oneLine(error)). There are no earlier results to show.")
    }

    /// Renders one filled chapter with Mustache, after validation.
    private func render(
        _ template: LoadedTemplate, context: ChapterContext, numbering: FloatNumbering, citations: CitationNumbering
    ) throws -> String {
        // Without this pragma Mustache escapes `<`, `>`, `&` and quotes for HTML; the output is
        // Markdown. It sits on the first line, so template line numbers are unchanged.
        let mustache: MustacheTemplate
        do {
            mustache = try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}" + template.text)
        } catch let error as MustacheTemplate.ParserError {
            throw ReportError.templateSyntax(file: template.file, line: error.context.lineNumber, message: "\(error.error)")
        }
        var root: [String: Any]
        do {
            root = try TemplateValue.record(context.values).mustacheValue(location: "") as! [String: Any]
        } catch ReportError.nonFiniteNumber(let location, let value) {
            throw ReportError.nonFiniteNumber(location: "\(template.file): \(location)", value: value)
        }
        var figures: [String: String] = [:]
        for figure in context.figures {
            figures[figure.label] = figure.markdown(number: numbering.number(.figure, figure.label)!)
        }
        var tables: [String: String] = [:]
        for table in context.tables {
            tables[table.label] = try table.markdown(number: numbering.number(.table, table.label)!, file: template.file)
        }
        root["figure"] = figures
        root["table"] = tables
        root["ref"] = [
            "figure": numbering.numbers[.figure]!.mapValues(FloatKind.figure.link),
            "table": numbering.numbers[.table]!.mapValues(FloatKind.table.link),
        ]
        root["cite"] = citations.links
        let text = mustache.render(root)
        return String(text.reversed().drop { $0.isWhitespace }.reversed())
    }

    /// A template file read from disk, with its static title.
    struct LoadedTemplate {
        var file: String
        var text: String
        var title: String
    }

    /// The templates in file-name order, each paired with its chapter.
    private func loadTemplates() throws -> [(LoadedTemplate, Chapter)] {
        let directoryName = templateDirectory.relativePath
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: templateDirectory.path)
                .filter { $0.hasSuffix(".md.mustache") }
                .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        } catch {
            throw ReportError.io(path: directoryName, message: "cannot list templates (\(error.localizedDescription))")
        }
        var byTemplate: [String: Chapter] = [:]
        for chapter in chapters {
            precondition(byTemplate[chapter.template] == nil, "two chapters for template \(chapter.template)")
            byTemplate[chapter.template] = chapter
        }
        for chapter in chapters where !names.contains(chapter.template) {
            throw ReportError.chapterMismatch(
                file: "\(directoryName)/\(chapter.template)", message: "a chapter names this template but the file does not exist")
        }
        return try names.map { name in
            let file = "\(directoryName)/\(name)"
            guard let chapter = byTemplate[name] else {
                throw ReportError.chapterMismatch(file: file, message: "template has no chapter; add one or remove the file")
            }
            let text: String
            do {
                text = try String(contentsOf: templateDirectory.appendingPathComponent(name), encoding: .utf8)
            } catch {
                throw ReportError.io(path: file, message: "cannot read template (\(error.localizedDescription))")
            }
            let firstLine = text.split(separator: "\n").first { !$0.allSatisfy(\.isWhitespace) } ?? ""
            guard firstLine.hasPrefix("## "), !firstLine.contains("{{"),
                let title = HeadingSlugger.headingTitle(firstLine)
            else { throw ReportError.missingHeading(file: file) }
            return (LoadedTemplate(file: file, text: text, title: title), chapter)
        }
    }
}

/// A built report: its Markdown and the figures it places, in number order.
public struct ReportDocument: Sendable, Equatable {
    /// The document title.
    public var title: String
    /// The whole Markdown document, ending with one newline.
    public var markdown: String
    /// The figures placed, Figure 1 first.
    public var figures: [PlacedFigure]
}
