import Foundation
import Testing

@testable import Report

@Suite("ReportBuilder")
struct ReportBuilderTests {
    /// Two filled chapters, one failed with stale results, one never run, and an appendix.
    static func sample(_ fixture: ReportFixture) throws -> ReportBuilder {
        try fixture.template(
            "01-formats.md.mustache",
            """
            ## Number formats

            {{! Placement order fixes the numbers: spacing is Figure 1, formats Table 1. }}
            FP16 keeps {{fp16.digits}} decimal digits and reaches {{fp16.max}}; see {{ref.figure.spacing}},
            {{ref.table.formats}} and, for memory, {{ref.table.memory}}. Speed is in {{ref.figure.speed}}.

            {{{figure.spacing}}}

            {{{table.formats}}}

            {{#models}}
            - {{name}}: {{bytes}} at FP16
            {{/models}}

            {{^failed}}
            Every example was computed by QuantCore.
            {{/failed}}

            A code is $q = \\operatorname{clamp}(\\operatorname{round}(x / s) + z,\\ q_{\\min},\\ q_{\\max})$ with $2^{b-1}$ levels;
            the names q_min, q_max and llama.cpp's Q8_0 stay as typed, and so does a price: $5 and $6.
            A sign is $(-1)^s$, and a level ($2^{b-1}$) is exact.

            {{{table.memory}}}

            """)
        try fixture.template(
            "02-matmul.md.mustache",
            """
            ## Matrix multiplication

            INT8 runs {{speedup}} faster than FP32 ({{ref.figure.speed}}; spacing in {{ref.figure.spacing}}).

            ### Method

            Median of {{repeats}} runs.

            {{{figure.speed}}}
            """)
        try fixture.template("03-language.md.mustache", "## Language models\n\n{{never}}\n")
        try fixture.template("04-vision.md.mustache", "## Vision\n")
        try fixture.svg("formats-spacing.svg")
        try fixture.svg("matmul-speed.svg", title: "old title")

        let run = Date(timeIntervalSince1970: 1_795_437_617)
        let fingerprint = "3f2a9c1d0b7e" + String(repeating: "a", count: 52)
        let formats = ChapterContext(
            values: [
                "fp16": ["digits": .number(3.31, .plain), "max": .number(65504, .plain)],
                "models": [
                    ["name": "7B", "bytes": .number(14e9, .bytes)],
                    ["name": "70B", "bytes": .number(140e9, .bytes)],
                ],
                "failed": false,
            ],
            figures: [
                PlacedFigure(
                    label: "spacing", image: "../figures/formats-spacing.svg",
                    altText: "Gap between neighbours & magnitude, log-log", caption: "Spacing of representable values.")
            ],
            tables: [
                CaptionedTable(
                    label: "formats", caption: "The formats.",
                    table: Table(
                        columns: [Table.Column("format"), Table.Column("bits", style: .count), Table.Column("max", style: .plain)],
                        rows: [["FP16", 16, 65504], ["BF16", 16, 3.39e38]])),
                CaptionedTable(
                    label: "memory", caption: "Weights of a 7B model.",
                    table: Table(
                        columns: [Table.Column("format"), Table.Column("weights", style: .bytes(in: .giga))],
                        rows: [["INT4 g128", .number(4.125 / 8 * 7e9)]])),
            ])
        let matmul = ChapterContext(
            values: ["speedup": .number(3.5234, .ratio), "repeats": .number(15, .count)],
            figures: [
                PlacedFigure(label: "speed", image: "../figures/matmul-speed.svg", altText: "Time against size", caption: "GEMM time.")
            ])
        return fixture.builder(
            [
                Chapter(template: "04-vision.md.mustache", content: .unavailable(error: nil)),
                Chapter(
                    template: "02-matmul.md.mustache", content: .filled(matmul),
                    provenance: Provenance(
                        profile: "full", seed: 42, fingerprint: fingerprint, runDate: run, duration: 41.23,
                        commit: "01a9e3c", failure: "oneDNN: status 3\n(out of memory)")),
                Chapter(
                    template: "01-formats.md.mustache", content: .filled(formats),
                    provenance: Provenance(
                        profile: "full", seed: 42, fingerprint: fingerprint, runDate: run, duration: 0.0123, commit: "01a9e3c (modified)")),
                Chapter(template: "03-language.md.mustache", content: .unavailable(error: "data/raw/kjv.txt: sha256 mismatch; run make data")),
            ],
            appendix: Appendix(
                commands: ["make data", "make report PROFILE=full SEED=42"],
                environment: [(key: "CPU", value: "2 cores | AVX-512"), (key: "OpenBLAS core", value: "Haswell")],
                inputs: [
                    Appendix.Input(name: "mnist_5k.csv", package: "mnist-sample", version: "1.0", sha256: "ab12", licence: "CC BY-SA 3.0")
                ],
                sections: [
                    Appendix.Section(id: "formats", fingerprint: fingerprint, status: .fresh, runDate: run),
                    Appendix.Section(id: "linreg", fingerprint: fingerprint, status: .stale("seed changed (42 → 7)"), runDate: run),
                    Appendix.Section(id: "matmul", fingerprint: fingerprint, status: .failed("oneDNN: status 3"), runDate: run),
                    Appendix.Section(id: "language", fingerprint: nil, status: .failed("sha256 mismatch"), runDate: nil),
                    Appendix.Section(id: "vision", fingerprint: nil, status: .missing, runDate: nil),
                ]))
    }

    @Test func numbersFollowPlacementAcrossChapters() throws {
        let fixture = try ReportFixture()
        defer { fixture.remove() }
        let markdown = try Self.sample(fixture).build().markdown
        // spacing is placed first (chapter 01), speed later (chapter 02); a reference may point forward.
        #expect(markdown.contains("see [Figure 1](#figure-1),\n[Table 1](#table-1) and, for memory, [Table 2](#table-2). Speed is in [Figure 2](#figure-2)."))
        #expect(markdown.contains("INT8 runs 3.52× faster than FP32 ([Figure 2](#figure-2); spacing in [Figure 1](#figure-1))."))
        #expect(markdown.contains("<a id=\"figure-1\"></a>![Gap between neighbours & magnitude, log-log](../figures/formats-spacing.svg)\n\n**Figure 1.** *Spacing of representable values.*"))
        #expect(markdown.contains("<a id=\"table-2\"></a>**Table 2.** *Weights of a 7B model.*\n\n| format    | weights (GB) |\n| :-------- | -----------: |\n| INT4 g128 |         3.61 |"))
    }

    @Test func goldenDocument() throws {
        let fixture = try ReportFixture()
        defer { fixture.remove() }
        try Self.sample(fixture).write(to: fixture.reportFile)
        let markdown = try String(contentsOf: fixture.reportFile, encoding: .utf8)
        let html = try String(contentsOf: fixture.reportFile.deletingPathExtension().appendingPathExtension("html"), encoding: .utf8)
        try Golden.check(markdown, "sample.md")
        try Golden.check(html, "sample.html")
    }

    @Test func buildsAreByteIdentical() throws {
        let fixture = try ReportFixture()
        defer { fixture.remove() }
        let builder = try Self.sample(fixture)
        let htmlFile = fixture.reportFile.deletingPathExtension().appendingPathExtension("html")
        try builder.write(to: fixture.reportFile)
        let first = (try Data(contentsOf: fixture.reportFile), try Data(contentsOf: htmlFile))
        try builder.write(to: fixture.reportFile)
        let second = (try Data(contentsOf: fixture.reportFile), try Data(contentsOf: htmlFile))
        #expect(first.0 == second.0)
        #expect(first.1 == second.1)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: fixture.reportFile.deletingLastPathComponent().path)
        #expect(leftovers.sorted() == ["quantization.html", "quantization.md", "src"])
    }

    @Test func htmlInlinesSVGAndRendersTables() throws {
        let fixture = try ReportFixture()
        defer { fixture.remove() }
        let document = try Self.sample(fixture).build()
        let html = try document.html(reportDirectory: fixture.reportFile.deletingLastPathComponent())
        #expect(!html.contains("<img"))
        #expect(!html.contains("<?xml"))
        #expect(!html.contains("quantlab-figure"), "a figure placeholder was left in the page")
        // The anchor is the figure itself; the chart links to its file; the caption is a figcaption.
        #expect(html.contains(#"<figure id="figure-1">\#n<a class="figure-open" href="../figures/formats-spacing.svg" title="Open the chart full size"><svg xmlns="http://www.w3.org/2000/svg""#))
        #expect(html.contains(#"</svg></a>\#n<figcaption><strong>Figure 1.</strong> <em>Spacing of representable values.</em></figcaption>\#n</figure>"#))
        #expect(!html.contains(#"<a id="figure-"#))
        #expect(html.contains(#"role="img" aria-label="Gap between neighbours &amp; magnitude, log-log"><title>Gap between neighbours &amp; magnitude, log-log</title>"#))
        // Each chart's ids are prefixed by its figure number, so glyphs do not collide.
        #expect(html.contains(#"id="figure-1-glyph-0-1""#) && html.contains(##"xlink:href="#figure-1-glyph-0-1""##))
        #expect(html.contains(#"id="figure-2-glyph-0-1""#) && html.contains(##"xlink:href="#figure-2-glyph-0-1""##))
        #expect(!html.contains("old title"))
        #expect(html.contains(#"<td style="text-align: right;">3.61</td>"#))
        // A table is a named scrolling region with its caption inside the table.
        #expect(html.contains(#"<div class="table-scroll" role="region" tabindex="0" aria-labelledby="table-1-caption">\#n<table id="table-1">\#n<caption id="table-1-caption"><strong>Table 1.</strong>"#))
        #expect(!html.contains(#"<a id="table-"#))
        // Contents links and heading ids agree.
        #expect(html.contains(##"<a href="#number-formats">Number formats</a>"##))
        #expect(html.contains(##"<h2 id="number-formats">Number formats <a class="permalink" href="#number-formats" aria-label="Link to this section">#</a></h2>"##))
        #expect(html.contains(##"<h2 id="reproducing-this-report">Reproducing this report <a class="permalink""##))
        // Every aria-labelledby names ids on the page, and each chart is one image.
        let ids = Set(html.matches(of: /\sid="([^"]+)"/).map { String($0.1) })
        for match in html.matches(of: /aria-labelledby="([^"]+)"/) {
            for id in match.1.split(separator: " ") { #expect(ids.contains(String(id)), "aria-labelledby names \(id), which is not on the page") }
        }
        #expect(html.matches(of: /role="img"/).count == document.figures.count)
        #expect(html.matches(of: /<svg[^>]*role="img"[^>]*role="img"/).isEmpty)
    }

    @Test func htmlHasMathMLAndKeepsPlainTextLiteral() throws {
        let fixture = try ReportFixture()
        defer { fixture.remove() }
        let document = try Self.sample(fixture).build()
        let html = try document.html(reportDirectory: fixture.reportFile.deletingLastPathComponent())
        // `$…$` becomes MathML (no script needed), with the TeX kept as its annotation.
        #expect(html.contains(#"<math display="inline" xmlns="http://www.w3.org/1998/Math/MathML">"#))
        #expect(html.contains(#"<msub><mi>q</mi><mo>min</mo></msub>"#))
        #expect(html.contains(#"<annotation encoding="application/x-tex">2^{b-1}</annotation>"#))
        #expect(!html.contains("$q ="), "a formula was left as TeX")
        // Underscores inside words are not emphasis (Ink made `_min, q_` italic).
        #expect(html.contains("the names q_min, q_max and llama.cpp's Q8_0 stay as typed"))
        #expect(!html.contains("<em>min"))
        // Dollar amounts are not math: a closing `$` may not be followed by a digit.
        #expect(html.contains("a price: $5 and $6."))
        // The minus of (−1) is unary, not spaced as a binary operator.
        #expect(html.contains(#"form="prefix">(</mo><mo form="prefix">−</mo><mn>1</mn>"#))
        // A formula stays on one line with the punctuation that touches it.
        #expect(html.contains(#"A sign is <span class="nowrap"><math display="inline""#))
        #expect(html.contains(#"<annotation encoding="application/x-tex">(-1)^s</annotation></semantics></math>,</span> and a level <span class="nowrap">(<math"#))
        #expect(html.contains(#"<annotation encoding="application/x-tex">2^{b-1}</annotation></semantics></math>)</span> is exact."#))
    }

    @Test func htmlContentsLinksResolve() throws {
        let fixture = try ReportFixture()
        defer { fixture.remove() }
        let document = try Self.sample(fixture).build()
        let html = try document.html(reportDirectory: fixture.reportFile.deletingLastPathComponent())
        // pandoc's table of contents goes down to level-3 headings; the Markdown's lists chapters.
        let nav = try #require(html.range(of: #"<nav id="TOC""#).flatMap { start in
            html.range(of: "</nav>", range: start.upperBound..<html.endIndex).map { String(html[start.lowerBound..<$0.upperBound]) }
        })
        #expect(nav.contains(##"<a href="#matrix-multiplication">Matrix multiplication</a>"##))
        #expect(nav.contains(##"<a href="#method">Method</a>"##))
        #expect(nav.contains(##"<a href="#pinned-inputs">Pinned inputs</a>"##))
        // Every link inside the page (contents, figure and table references, SVG glyph uses) has
        // its target.
        let ids = Set(html.matches(of: /\sid="([^"]+)"/).map { String($0.1) })
        let targets = html.matches(of: /href="#([^"]+)"/).map { String($0.1) }
        #expect(targets.count > 20)
        for target in targets {
            #expect(ids.contains(target), "link #\(target) has no target")
        }
    }

    @Test func missingPandocIsAOneLineErrorAndWritesNothing() throws {
        let fixture = try ReportFixture()
        defer { fixture.remove() }
        let builder = try Self.sample(fixture)
        let empty = fixture.root.appendingPathComponent("empty-bin").path
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        #expect(errorText { try builder.write(to: fixture.reportFile, pandocSearchPath: empty) } == "pandoc not found; run make deps")
        #expect(errorText { try builder.write(to: fixture.reportFile, pandocSearchPath: nil) } == "pandoc not found; run make deps")
        #expect(!FileManager.default.fileExists(atPath: fixture.reportFile.path))
        #expect(!FileManager.default.fileExists(atPath: fixture.reportFile.deletingPathExtension().appendingPathExtension("html").path))
    }

    @Test func formulaPandocCannotConvertIsAnError() throws {
        let fixture = try ReportFixture()
        defer { fixture.remove() }
        try fixture.template("01-x.md.mustache", "## X\n\nA broken formula: $\\nosuchmacro{x}$.\n")
        let builder = fixture.builder([Chapter(template: "01-x.md.mustache", content: .filled(ChapterContext()))])
        let text = errorText { try builder.write(to: fixture.reportFile) }
        #expect(text.hasPrefix("pandoc exited with status 3: [WARNING] Could not convert TeX math \\nosuchmacro{x}"), "\(text)")
        #expect(!text.contains("\n"))
        #expect(!FileManager.default.fileExists(atPath: fixture.reportFile.path))
    }

    @Test func missingFigureFileIsAnError() throws {
        let fixture = try ReportFixture()
        defer { fixture.remove() }
        let builder = try Self.sample(fixture)
        try FileManager.default.removeItem(at: fixture.figures.appendingPathComponent("matmul-speed.svg"))
        #expect(
            errorText { try builder.write(to: fixture.reportFile) }
                == "../figures/matmul-speed.svg: figure speed has no image file; draw the charts first")
        #expect(!FileManager.default.fileExists(atPath: fixture.reportFile.path))
    }

    @Test func duplicateLabelsAcrossChapters() throws {
        let fixture = try ReportFixture()
        defer { fixture.remove() }
        let figure = PlacedFigure(label: "a", image: "../figures/a.svg", altText: "A", caption: "A.")
        try fixture.template("01-x.md.mustache", "## X\n{{{figure.a}}}\n")
        try fixture.template("02-y.md.mustache", "## Y\n{{{figure.a}}}\n")
        let builder = fixture.builder([
            Chapter(template: "01-x.md.mustache", content: .filled(ChapterContext(figures: [figure]))),
            Chapter(template: "02-y.md.mustache", content: .filled(ChapterContext(figures: [figure]))),
        ])
        let path = fixture.templates.path
        #expect(
            errorText { _ = try builder.build() }
                == "\(path)/02-y.md.mustache: figure.a is already declared by \(path)/01-x.md.mustache; labels must be unique in the report")
    }

    @Test func nanInPlacedTableNamesTemplateAndCell() throws {
        let fixture = try ReportFixture()
        defer { fixture.remove() }
        try fixture.template("01-x.md.mustache", "## X\n{{{table.t}}}\n")
        let table = CaptionedTable(
            label: "t", caption: "T.", table: Table(columns: [Table.Column("v", style: .plain)], rows: [[1], [.number(.nan)]]))
        let builder = fixture.builder([Chapter(template: "01-x.md.mustache", content: .filled(ChapterContext(tables: [table])))])
        #expect(
            errorText { _ = try builder.build() }
                == "\(fixture.templates.path)/01-x.md.mustache: table.t, row 2, column v is nan; fix the analysis that produced it")
    }

    @Test func provenanceLine() {
        let provenance = Provenance(
            profile: "full", seed: 42, fingerprint: "3F2A9C1D0B7E99", runDate: Date(timeIntervalSince1970: 1_795_437_617),
            duration: 41.23, commit: "01a9e3c")
        #expect(provenance.markdown() == "*Provenance: profile full · seed 42 · fingerprint 3f2a9c1d0b7e · run 2026-11-23 12:40 UTC · 41.2 s · commit 01a9e3c*")
        var stale = provenance
        stale.commit = nil
        stale.staleReason = "seed changed (42 → 7)"
        #expect(stale.markdown() == "*Provenance: profile full · seed 42 · fingerprint 3f2a9c1d0b7e · run 2026-11-23 12:40 UTC · 41.2 s · stale (seed changed (42 → 7))*")
    }

    @Test func headingSlugsFollowGitHub() {
        var slugger = HeadingSlugger()
        #expect(slugger.slug("1. Number formats") == "1-number-formats")
        #expect(slugger.slug("FP8 (E4M3) vs. INT8 — 3.5×") == "fp8-e4m3-vs-int8--35")
        #expect(slugger.slug("Method") == "method")
        #expect(slugger.slug("Method") == "method-1")
        #expect(slugger.slug("Method") == "method-2")
        #expect(HeadingSlugger.headings(in: "# A\n```\n# not\n```\n### B ##\n#C\n") == ["A", "B"])
    }
}

/// Golden files under `Tests/Golden/ReportTests/`, found from this source file's path;
/// `RECORD_GOLDEN=1` rewrites them instead of comparing.
///
/// They sit outside the test target's folder: inside it SwiftPM warns about files that are
/// neither sources nor declared resources.
enum Golden {
    static func check(_ actual: String, _ name: String, sourceFile: String = #filePath) throws {
        let testsFolder = URL(fileURLWithPath: sourceFile).deletingLastPathComponent().deletingLastPathComponent()
        let url = testsFolder.appendingPathComponent("Golden/ReportTests").appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "\(name) differs from the golden file; rerun with RECORD_GOLDEN=1 if the change is intended")
    }
}
