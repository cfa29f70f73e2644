import Foundation
import Testing

@testable import Report

/// Each broken template must fail with a one-line message naming the file, line and placeholder.
@Suite("Template validation")
struct TemplateValidationTests {
    /// Builds one chapter `01-a.md.mustache` with `text` and `context`, returning the error text.
    func failure(_ text: String, _ context: ChapterContext = ChapterContext()) throws -> String {
        let fixture = try ReportFixture()
        defer { fixture.remove() }
        try fixture.template("01-a.md.mustache", text)
        let builder = fixture.builder([Chapter(template: "01-a.md.mustache", content: .filled(context))])
        return errorText { _ = try builder.build() }.replacingOccurrences(of: fixture.templates.path, with: "src")
    }

    static let figure = PlacedFigure(label: "err", image: "../figures/err.svg", altText: "Error grows", caption: "Error.")

    @Test func unknownPlaceholder() throws {
        #expect(
            try failure("## A\n\nValue {{known}} and\n{{unknown}}.\n", ChapterContext(values: ["known": "x"]))
                == "src/01-a.md.mustache:4: unknown placeholder {{unknown}}; add it to the chapter's context or fix the name")
    }

    @Test func unknownNestedPlaceholder() throws {
        let values: [String: TemplateValue] = ["rows": [["name": "a"], ["name": "b", "extra": "c"]]]
        #expect(
            try failure("## A\n{{#rows}}\n{{name}} {{extra}}\n{{/rows}}\n", ChapterContext(values: values))
                == "src/01-a.md.mustache:3: unknown placeholder {{extra}}; add it to the chapter's context or fix the name")
    }

    @Test func sectionScopingResolvesOuterNames() throws {
        let fixture = try ReportFixture()
        defer { fixture.remove() }
        try fixture.template("01-a.md.mustache", "## A\n{{#rows}}\n- {{name}} of {{unit}} ({{model.size}})\n{{/rows}}\n{{^empty}}none{{/empty}}\n")
        let values: [String: TemplateValue] = [
            "rows": [["name": "a"], ["name": "b"]], "unit": "GB", "model": ["size": .number(7e9, .count)], "empty": [],
        ]
        let document = try fixture.builder([Chapter(template: "01-a.md.mustache", content: .filled(ChapterContext(values: values)))]).build()
        #expect(document.markdown.hasSuffix("## A\n- a of GB (7,000,000,000)\n- b of GB (7,000,000,000)\nnone\n"))
    }

    @Test func valuesAreNotHTMLEscaped() throws {
        let fixture = try ReportFixture()
        defer { fixture.remove() }
        try fixture.template("01-a.md.mustache", "## A\n{{a}} {{{a}}} {{&a}} {{#n}}({{.}}){{/n}}\n")
        let values: [String: TemplateValue] = ["a": "x < y & \"z\"", "n": .number(0.5, .percent)]
        let document = try fixture.builder([Chapter(template: "01-a.md.mustache", content: .filled(ChapterContext(values: values)))]).build()
        #expect(document.markdown.hasSuffix("## A\nx < y & \"z\" x < y & \"z\" x < y & \"z\" (50.0 %)\n"))
    }

    @Test func notPrintable() throws {
        #expect(
            try failure("## A\n{{rows}}\n", ChapterContext(values: ["rows": ["x"]]))
                == "src/01-a.md.mustache:2: placeholder {{rows}} is a list; use a section {{#rows}}…{{/rows}}")
    }

    @Test func unknownReference() throws {
        let context = ChapterContext(figures: [Self.figure])
        #expect(
            try failure("## A\n{{{figure.err}}}\nSee {{ref.figure.erro}}.\n", context)
                == "src/01-a.md.mustache:3: unknown reference {{ref.figure.erro}}; no chapter places that label")
    }

    @Test func unplacedFigure() throws {
        #expect(
            try failure("## A\nNo figure here.\n", ChapterContext(figures: [Self.figure]))
                == "src/01-a.md.mustache: figure.err is declared but never placed; add {{{figure.err}}} to the template")
    }

    @Test func figurePlacedTwice() throws {
        #expect(
            try failure("## A\n{{{figure.err}}}\n\n{{{figure.err}}}\n", ChapterContext(figures: [Self.figure]))
                == "src/01-a.md.mustache:4: {{{figure.err}}} is placed twice (first at src/01-a.md.mustache:2)")
    }

    @Test func undeclaredFigure() throws {
        #expect(
            try failure("## A\n{{{figure.nope}}}\n")
                == "src/01-a.md.mustache:2: {{{figure.nope}}} is not declared in the chapter's context")
    }

    @Test func placementInsideSection() throws {
        let context = ChapterContext(values: ["on": true], figures: [Self.figure])
        #expect(
            try failure("## A\n{{#on}}\n{{{figure.err}}}\n{{/on}}\n", context)
                == "src/01-a.md.mustache:3: {{{figure.err}}} is inside a section; place figures and tables at the top level")
    }

    @Test func nanValue() throws {
        let context = ChapterContext(values: ["stats": ["mse": .number(.nan, .plain)]])
        #expect(
            try failure("## A\n{{stats.mse}}\n", context)
                == "src/01-a.md.mustache: context value stats.mse is nan; fix the analysis that produced it")
    }

    @Test func infinityInList() throws {
        let context = ChapterContext(values: ["xs": [.number(1, .plain), .number(-.infinity, .ratio)]])
        #expect(
            try failure("## A\n{{#xs}}{{.}}{{/xs}}\n", context)
                == "src/01-a.md.mustache: context value xs[1] is -inf; fix the analysis that produced it")
    }

    @Test(arguments: [
        ("## A\n{{#a}}\n", "src/01-a.md.mustache:2: section {{#a}} is never closed"),
        ("## A\n{{#a}}\n{{/b}}\n", "src/01-a.md.mustache:3: {{/b}} does not match {{#a}} opened on line 2"),
        ("## A\n{{/b}}\n", "src/01-a.md.mustache:2: {{/b}} closes no section"),
        ("## A\n{{x\n}}\n", "src/01-a.md.mustache:2: tag {{… is not closed on its line"),
        ("## A\n\n{{> part}}\n", "src/01-a.md.mustache:3: {{>…}} tags (partials, delimiters, pragmas, blocks) are not supported"),
        ("## A\n{{up(x)}}\n", "src/01-a.md.mustache:2: bad placeholder name {{up(x)}}"),
        ("## A\n{{figure.a.b}}\n", "src/01-a.md.mustache:2: write {{{figure.LABEL}}}, not {{figure.a.b}}"),
        ("## A\nSee {{{figure.a}}} here.\n", "src/01-a.md.mustache:2: put {{{figure.a}}} on a line of its own"),
        ("No heading\n", "src/01-a.md.mustache: a chapter must open with a level-2 heading (## Title)"),
    ])
    func syntaxErrors(_ text: String, _ message: String) throws {
        #expect(try failure(text) == message, "\(text)")
    }

    @Test func commentsSpanLinesAndKeepLineNumbers() throws {
        #expect(
            try failure("## A\n{{! a comment\nover two lines }}\n{{missing}}\n")
                == "src/01-a.md.mustache:4: unknown placeholder {{missing}}; add it to the chapter's context or fix the name")
    }

    @Test func templatesAndChaptersMustMatch() throws {
        let fixture = try ReportFixture()
        defer { fixture.remove() }
        try fixture.template("01-a.md.mustache", "## A\n")
        let orphan = errorText { _ = try fixture.builder([]).build() }
        #expect(orphan == "\(fixture.templates.path)/01-a.md.mustache: template has no chapter; add one or remove the file")
        let missing = errorText {
            _ = try fixture.builder([
                Chapter(template: "01-a.md.mustache", content: .filled(ChapterContext())),
                Chapter(template: "02-b.md.mustache", content: .filled(ChapterContext())),
            ]).build()
        }
        #expect(missing == "\(fixture.templates.path)/02-b.md.mustache: a chapter names this template but the file does not exist")
    }
}
