import Foundation
internal import Ink

/// The standalone HTML page of a report: the same Markdown rendered by Ink (JohnSundell/Ink),
/// small embedded CSS, charts inlined as SVG.
///
/// Headings get GitHub's anchors (see `HeadingSlugger`), so the contents links and the
/// `#figure-N` / `#table-N` references work in the page as on GitHub. An image whose path ends in
/// `.svg` is replaced by the file's SVG markup; other images stay `<img>` links.
enum HTMLPage {
    /// The page for `document`.
    /// - Parameters:
    ///   - document: The built report.
    ///   - reportDirectory: The directory the Markdown is written to; image paths are relative to it.
    /// - Returns: The page, ending with one newline.
    /// - Throws: `ReportError.io` for an SVG that cannot be read or has no `<svg` element.
    static func render(_ document: ReportDocument, reportDirectory: URL) throws -> String {
        var inlined: [String: String] = [:]
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
            inlined[figure.image] = markup
        }

        var slugger = HeadingSlugger()
        let headings = Modifier(target: .headings) { html, markdown in
            guard let title = HeadingSlugger.headingTitle(markdown), let open = html.firstIndex(of: ">") else { return html }
            return html[..<open] + " id=\"\(slugger.slug(title))\"" + html[open...]
        }
        let images = Modifier(target: .images) { html, markdown in
            guard let open = markdown.lastIndex(of: "("), let close = markdown.lastIndex(of: ")"), open < close,
                let svg = inlined[String(markdown[markdown.index(after: open)..<close])]
            else { return html }
            return "<div class=\"figure\">\(svg)</div>"
        }
        let body = MarkdownParser(modifiers: [headings, images]).html(from: document.markdown)
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTMLText.escape(document.title))</title>
            <style>
            \(style)
            </style>
            </head>
            <body>
            <main>
            \(body)
            </main>
            </body>
            </html>

            """
    }

    /// A readable single column, ruled tables with tabular digits, charts scaled to the column.
    static let style = """
        body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328; background: #fff; }
        main { max-width: 52rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
        h1, h2, h3 { line-height: 1.25; margin: 2rem 0 0.75rem; }
        h2 { border-bottom: 1px solid #d0d7de; padding-bottom: 0.3rem; }
        table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; font-variant-numeric: tabular-nums; display: block; max-width: 100%; overflow-x: auto; }
        th, td { border: 1px solid #d0d7de; padding: 0.3rem 0.7rem; }
        th { background: #f6f8fa; }
        code, pre { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.9em; background: #f6f8fa; }
        pre { padding: 0.8rem; overflow-x: auto; }
        blockquote { margin: 1rem 0; padding: 0.2rem 1rem; border-left: 4px solid #cf222e; background: #fff5f5; }
        .figure svg { display: block; max-width: 100%; height: auto; margin: 1rem auto 0.25rem; }
        a { color: #0969da; }
        """
}
