import Foundation
import Testing

@testable import Report

/// Every figure and table of the real templates is cited in the text, every cited work is
/// listed and every listed work cited; citations number in order of first use; every in-document
/// link resolves.
@Suite("Citations and links")
struct CitationTests {
    /// The names of every tag in `nodes`, sections' bodies included.
    static func names(_ nodes: [TemplateNode]) -> [String] {
        nodes.flatMap { node -> [String] in
            switch node {
            case .variable(let name, _): [name]
            case .section(let name, _, _, let body): [name] + names(body)
            }
        }
    }

    /// Tag names of each real template in `report/src`, by file name.
    static func realTemplates() throws -> [(file: String, names: [String])] {
        let directory = Fixture.packageRoot.appendingPathComponent("report/src")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".md.mustache") }.sorted()
        return try files.map { file in
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            return (file, names(try TemplateParser.parse(text, file: file)))
        }
    }

    @Test("Every figure and table placed in report/src is referred to in the text")
    func everyFloatIsCited() throws {
        let templates = try Self.realTemplates()
        let all = templates.flatMap(\.names)
        for (file, names) in templates {
            for name in names {
                guard FloatKind.allCases.contains(where: { name.hasPrefix("\($0.rawValue).") }) else { continue }
                #expect(all.contains("ref.\(name)"), "\(file): \(name) is placed but never cited as {{ref.\(name)}}")
            }
        }
    }

    @Test("Every cited key is listed in References.all, and every listed reference is cited")
    func referencesMatchCitations() throws {
        let cited = Set(try Self.realTemplates().flatMap(\.names).filter { $0.hasPrefix("cite.") }.map { String($0.dropFirst(5)) })
        let listed = Set(References.all.map(\.key))
        #expect(References.all.count == listed.count, "a reference key is defined twice")
        for key in cited.subtracting(listed).sorted() { Issue.record("{{cite.\(key)}} is cited but not in References.all") }
        for key in listed.subtracting(cited).sorted() { Issue.record("\(key) is in References.all but no template cites it") }
    }

    static let references = [
        Reference(key: "a", entry: "A. Author, “First,” 2020."),
        Reference(key: "b", entry: "B. Author, “Second,” 2021."),
        Reference(key: "c", entry: "C. Author, “Never cited,” 2022."),
    ]

    @Test("Citations number in order of first use and the cited works close the document")
    func numbering() throws {
        let fixture = try ReportFixture()
        defer { fixture.remove() }
        try fixture.template("01-a.md.mustache", "## A\n\nSee {{cite.b}}{{#yes}} and {{cite.a}}{{/yes}}.\n")
        try fixture.template("02-b.md.mustache", "## B\n\nAgain {{cite.b}}.\n")
        let builder = ReportBuilder(
            title: "T", templateDirectory: fixture.templates,
            chapters: [
                Chapter(template: "01-a.md.mustache", content: .filled(ChapterContext(values: ["yes": true]))),
                Chapter(template: "02-b.md.mustache", content: .filled(ChapterContext())),
            ],
            appendix: nil, references: Self.references)
        let markdown = try builder.build().markdown
        #expect(markdown.contains("See [[1]](#ref-b) and [[2]](#ref-a)."))
        #expect(markdown.contains("Again [[1]](#ref-b)."))
        #expect(markdown.hasSuffix(
            "## References\n\n1. <a id=\"ref-b\"></a>B. Author, “Second,” 2021.\n2. <a id=\"ref-a\"></a>A. Author, “First,” 2020.\n"))
        #expect(markdown.contains("- [References](#references)"))
        #expect(!markdown.contains("Never cited"))
    }

    @Test("Citing an undefined key is a one-line error naming the template and line")
    func unknownKey() throws {
        let fixture = try ReportFixture()
        defer { fixture.remove() }
        try fixture.template("01-a.md.mustache", "## A\n\nSee {{cite.zz}}.\n")
        let builder = ReportBuilder(
            title: "T", templateDirectory: fixture.templates,
            chapters: [Chapter(template: "01-a.md.mustache", content: .filled(ChapterContext()))], appendix: nil,
            references: Self.references)
        let text = errorText { _ = try builder.build() }
        #expect(text.hasSuffix("01-a.md.mustache:3: unknown citation {{cite.zz}}; define the work in References.swift or fix the key"), "\(text)")
    }

    @Test("A link to an anchor that nothing defines stops the build")
    func brokenLink() throws {
        let fixture = try ReportFixture()
        defer { fixture.remove() }
        try fixture.template("01-a.md.mustache", "## A\n\nSee [below](#a) and [the appendix](#nowhere).\n")
        let builder = fixture.builder([Chapter(template: "01-a.md.mustache", content: .filled(ChapterContext()))])
        #expect(errorText { _ = try builder.build() }
            == "the report links to #nowhere, which no heading or anchor defines; fix the link in the preamble or template")
    }

    @Test("The appendix anchor in a preamble resolves when the appendix is there")
    func appendixLink() throws {
        let fixture = try ReportFixture()
        defer { fixture.remove() }
        try fixture.template("01-a.md.mustache", "## A\n\nText.\n")
        let appendix = Appendix(commands: ["make report"], environment: [], inputs: [], sections: [])
        let builder = ReportBuilder(
            title: "T", preamble: "Described in [the appendix](#\(Appendix.anchor)).", templateDirectory: fixture.templates,
            chapters: [Chapter(template: "01-a.md.mustache", content: .filled(ChapterContext()))], appendix: appendix)
        #expect(try builder.build().markdown.contains("## Reproducing this report"))
        #expect(Appendix.anchor == "reproducing-this-report")
    }
}
