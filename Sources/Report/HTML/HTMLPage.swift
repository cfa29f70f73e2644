import Foundation

/// The standalone HTML page of a report: the same Markdown converted by pandoc, with formulas as
/// MathML, a table of contents, small embedded CSS, and charts inlined as SVG.
///
/// pandoc reads GitHub-flavoured Markdown plus `$…$` TeX math (`gfm+tex_math_dollars`), so the
/// page shows what GitHub shows: headings get GitHub's anchors (pandoc's `gfm_auto_identifiers`,
/// the rule `HeadingSlugger` follows), and the contents and `#figure-N` / `#table-N` links work
/// in both. `--mathml` writes each formula as MathML, which browsers render without scripts;
/// `--toc` adds a navigation column of every heading down to level 3; `--fail-if-warnings` turns
/// a formula pandoc cannot convert into an error instead of raw TeX on the page.
///
/// A figure whose image ends in `.svg` is replaced by the file's SVG markup (see `SVGInliner`):
/// its image line becomes a placeholder block that pandoc passes through untouched, and the
/// markup goes in after conversion, so pandoc never parses the charts. Other images stay `<img>`.
///
/// Two touches to pandoc's MathML follow what Chromium showed: a minus after an opening bracket
/// is marked unary (`unaryMinus`), and a formula is kept on one line with the punctuation that
/// touches it (`bindingPunctuation`).
enum HTMLPage {
    /// The page for `document`.
    /// - Parameters:
    ///   - document: The built report.
    ///   - reportDirectory: The directory the Markdown is written to; image paths are relative to it.
    ///   - pandoc: The pandoc that converts.
    /// - Returns: The page, ending with one newline; the same document and pandoc give the same bytes.
    /// - Throws: `ReportError.io` for an SVG that cannot be read or has no `<svg` element;
    ///   `PandocError` when pandoc fails.
    static func render(_ document: ReportDocument, reportDirectory: URL, pandoc: Pandoc) throws -> String {
        var inlined: [(number: Int, image: String, placeholder: String, markup: String)] = []
        for (index, figure) in document.figures.enumerated() where figure.image.hasSuffix(".svg") {
            let url = reportDirectory.appendingPathComponent(figure.image).standardizedFileURL
            let svg: String
            do {
                svg = try String(contentsOf: url, encoding: .utf8)
            } catch {
                throw ReportError.io(path: figure.image, message: "cannot read figure \(figure.label) (\(error.localizedDescription)); draw the charts first")
            }
            guard let markup = SVGInliner.inline(svg, altText: figure.altText, idPrefix: "figure-\(index + 1)-") else {
                throw ReportError.io(path: figure.image, message: "figure \(figure.label) is not an SVG file (no <svg> element)")
            }
            inlined.append((index + 1, figure.image, "<!--quantlab-figure-\(index + 1)-->", markup))
        }

        // `PlacedFigure.markdown` puts each image alone on a line after its anchor:
        // `<a id="figure-N"></a>![alt](image)`. An HTML block (CommonMark §4.6, kind 6) on that
        // line reaches pandoc's output verbatim; `HTMLFloats` then builds the `<figure>`.
        let lines = document.markdown.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            guard let figure = inlined.first(where: { line.hasPrefix(PlacedFigure.anchorTag($0.number) + "![") && line.hasSuffix("](\($0.image))") })
            else { return line }
            return "<div class=\"figure\">\(figure.placeholder)</div>"
        }
        var page = try pandoc.run(
            markdown: lines.joined(separator: "\n"), template: template,
            arguments: arguments + ["--metadata=pagetitle:\(document.title)"])
        // Touch up the page while it is small (0.4 MB; the charts add 1.1 MB), then put the charts
        // in with one copy. Measured on the full report (release build): 1.6 s for these steps on
        // Characters of the finished page, 0.01 s this way.
        page = bindingPunctuation(to: unaryMinus(in: page))
        page = try HTMLFloats.figures(in: page, inlined.map { ($0.number, $0.image, $0.placeholder) })
        page = HTMLFloats.permalinks(in: HTMLFloats.tables(in: NumberSpans.wrap(page)))
        while page.last?.isNewline == true { page.removeLast() }
        page += "\n"

        var placed: [(range: Range<String.Index>, markup: String)] = []
        for figure in inlined {
            guard let range = page.range(of: figure.placeholder) else {
                throw PandocError.unexpectedOutput(what: "the placeholder of \(figure.image)")
            }
            placed.append((range, figure.markup))
        }
        placed.sort { $0.range.lowerBound < $1.range.lowerBound }
        var result = ""
        result.reserveCapacity(page.utf8.count + placed.reduce(0) { $0 + $1.markup.utf8.count })
        var position = page.startIndex
        for (range, markup) in placed {
            result += page[position..<range.lowerBound]
            result += markup
            position = range.upperBound
        }
        result += page[position...]
        return result
    }

    /// `html` with a minus that follows an opening bracket marked as a prefix operator.
    ///
    /// texmath puts `(−1)` in one `mrow`, where MathML Core infers the minus' form from its
    /// position (not first, not last: infix), and browsers space it as a binary operator:
    /// `( − 1)`. A minus right after an opening bracket is always unary.
    static func unaryMinus(in html: String) -> String {
        var html = html
        for bracket in ["(", "["] {
            html = html.replacingOccurrences(
                of: "form=\"prefix\">\(bracket)</mo><mo>−</mo>", with: "form=\"prefix\">\(bracket)</mo><mo form=\"prefix\">−</mo>")
        }
        return html
    }

    /// `html` with each formula that touches punctuation (`$x$,`, `($n$`) wrapped, with that
    /// punctuation, in `<span class="nowrap">`.
    ///
    /// A browser may break a line before or after any atomic inline, which a `<math>` element
    /// is (CSS Text 3 §5.1), even next to a comma: without the span a line of the report could
    /// start with `, codes in`.
    static func bindingPunctuation(to html: String) -> String {
        // Bytes, not Characters: every delimiter is ASCII, and a page is hundreds of kilobytes.
        let bytes = Array(html.utf8)
        let open = Array("<math ".utf8), close = Array("</math>".utf8)
        let leading = Array("([".utf8), trailing = Array(",.;:!?)]".utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + 4096)
        var position = 0
        while let mathStart = firstIndex(of: open, in: bytes, from: position),
            let closeStart = firstIndex(of: close, in: bytes, from: mathStart + open.count)
        {
            var start = mathStart
            if start > position, leading.contains(bytes[start - 1]) { start -= 1 }
            var end = closeStart + close.count
            while end < bytes.count, trailing.contains(bytes[end]) { end += 1 }
            result += bytes[position..<start]
            if start == mathStart && end == closeStart + close.count {
                result += bytes[start..<end]
            } else {
                result += Array("<span class=\"nowrap\">".utf8) + bytes[start..<end] + Array("</span>".utf8)
            }
            position = end
        }
        result += bytes[position...]
        return String(decoding: result, as: UTF8.self)
    }

    /// The first index at or after `from` where `pattern` starts in `bytes`.
    private static func firstIndex(of pattern: [UInt8], in bytes: [UInt8], from: Int) -> Int? {
        guard let first = pattern.first, bytes.count >= pattern.count else { return nil }
        var i = from
        while i <= bytes.count - pattern.count {
            if bytes[i] == first && bytes[i..<i + pattern.count].elementsEqual(pattern) { return i }
            i += 1
        }
        return nil
    }

    /// pandoc's options, except template, input, output and title.
    static let arguments = [
        // GitHub's Markdown, as the report is read on GitHub, plus `$…$` formulas.
        "--from=gfm+tex_math_dollars",
        "--to=html5",
        "--standalone",
        "--mathml",
        "--toc",
        "--toc-depth=3",
        // Plain `<pre><code>` for the appendix's commands: no highlighting spans or line anchors,
        // whose style sheet the page would otherwise need.
        "--no-highlight",
        // Same line endings on every platform and no line wrapping at an arbitrary column, so the
        // same document gives the same bytes and a paragraph is one line.
        "--eol=lf",
        "--wrap=none",
        // A formula texmath cannot convert is otherwise shown as raw TeX with only a warning.
        "--fail-if-warnings",
    ]

    /// The pandoc template of the page: the contents in a `<nav>`, the document in `<main>`.
    static var template: String {
        precondition(!style.contains("$"), "a literal $ in a pandoc template must be written $$")
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>$pagetitle$</title>
            <style>
            \(style)
            </style>
            </head>
            <body>
            <nav id="TOC" aria-label="Table of contents">
            $toc$
            </nav>
            <main>
            $body$
            </main>
            </body>
            </html>

            """
    }

    /// A readable column of prose with tables and figures allowed wider; on a wide screen the
    /// contents (chapters and their sections) stay in view in a column to its left.
    ///
    /// - Tables scroll sideways inside a focusable region; shadows at the left and right edges
    ///   (backgrounds that scroll with the content over fixed ones) show that more columns hide.
    /// - `.nowrap` keeps a number with its unit and interval (`NumberSpans`) and a formula with
    ///   its punctuation on one line; right-aligned (numeric) cells never wrap.
    /// - A chart is a link to its full-size SVG (`figure-open`), for phones where its text is small.
    /// - Heading permalinks show on hover and focus.
    static let style = """
        body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328; background: #fff; }
        main { max-width: 64rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; box-sizing: border-box; }
        main > p, main > ul, main > ol, main > blockquote, main > pre { max-width: 48rem; }
        h1, h2, h3 { line-height: 1.25; margin: 2rem 0 0.75rem; }
        h2 { border-bottom: 1px solid #d0d7de; padding-bottom: 0.3rem; }
        .permalink { margin-left: 0.4rem; color: #8c959f; text-decoration: none; font-weight: 400; opacity: 0; }
        h2:hover .permalink, h3:hover .permalink, h4:hover .permalink, .permalink:focus { opacity: 1; }
        .table-scroll { overflow-x: auto; margin: 0.5rem 0 1.5rem; max-width: 100%;
          background: linear-gradient(to right, #fff 30%, rgba(255,255,255,0)) left / 2.5rem 100% no-repeat local,
            linear-gradient(to left, #fff 30%, rgba(255,255,255,0)) right / 2.5rem 100% no-repeat local,
            radial-gradient(farthest-side at 0 50%, rgba(0,0,0,0.25), rgba(0,0,0,0)) left / 0.9rem 100% no-repeat scroll,
            radial-gradient(farthest-side at 100% 50%, rgba(0,0,0,0.25), rgba(0,0,0,0)) right / 0.9rem 100% no-repeat scroll; }
        .table-scroll:focus { outline: 2px solid #0969da; }
        table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
        caption { caption-side: top; text-align: left; padding: 0 0 0.4rem; position: sticky; left: 0; max-width: min(48rem, calc(100vw - 2.5rem)); }
        th, td { border: 1px solid #d0d7de; padding: 0.3rem 0.7rem; }
        td[style*="right"], th[style*="right"] { white-space: nowrap; }
        th { background: rgba(175,184,193,0.2); }
        code, pre { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.9em; background: #f6f8fa; }
        pre { padding: 0.8rem; overflow-x: auto; }
        blockquote { margin: 1rem 0; padding: 0.2rem 1rem; border-left: 4px solid #cf222e; background: #fff5f5; }
        figure { margin: 1.5rem 0; }
        figure svg { display: block; max-width: 100%; height: auto; margin: 0 auto 0.25rem; }
        .figure-open { display: block; cursor: zoom-in; }
        figcaption { max-width: 48rem; }
        math { font-family: "STIX Two Math", "Latin Modern Math", "Cambria Math", "DejaVu Math TeX Gyre", math; }
        .nowrap { white-space: nowrap; }
        a { color: #0969da; }
        #TOC { display: none; }
        @media (min-width: 75rem) {
          body { display: grid; grid-template-columns: 14rem minmax(0, 1fr); max-width: 82rem; margin: 0 auto; column-gap: 1.5rem; }
          main { grid-column: 2; margin: 0; }
          #TOC { display: block; position: sticky; top: 0; align-self: start; max-height: 100vh; overflow-y: auto; box-sizing: border-box; padding: 2rem 0.5rem 2rem 1rem; font-size: 0.85rem; line-height: 1.4; }
          #TOC ul { list-style: none; margin: 0; padding-left: 0.9rem; }
          #TOC > ul { padding-left: 0; }
          #TOC li { margin: 0.25rem 0; }
          #TOC > ul > li > a { font-weight: 600; }
          #TOC a { text-decoration: none; }
        }
        """
}
