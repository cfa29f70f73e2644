import Foundation

/// Turns a standalone SVG file into markup that can sit inside an HTML page.
///
/// - The XML prologue, DOCTYPE and anything else before `<svg` are dropped (HTML forbids them
///   in the body).
/// - Every `id` and every reference to one (`href="#…"`, `xlink:href="#…"`, `url(#…)`) gets a
///   per-figure prefix: Cairo names glyphs and clip paths `glyph-0-1`, `clip-1`, … in every file,
///   and on one page the second chart would otherwise draw with the first chart's glyphs.
/// - The chart's alt text becomes the SVG's accessible name: one `role="img"`, `aria-label` and a
///   first-child `<title>` (WAI-ARIA Graphics Module; SVG 2 §5.9), replacing a `<title>` and any
///   `role` / `aria-labelledby` already there (whose ids the prefix would leave dangling).
enum SVGInliner {
    /// `svg` ready to paste into HTML.
    /// - Parameters:
    ///   - svg: The file's text.
    ///   - altText: The chart's alt text.
    ///   - idPrefix: Prepended to every id (`figure-3-`).
    /// - Returns: The `<svg …>…</svg>` element, or `nil` if `svg` has no `<svg` element.
    static func inline(_ svg: String, altText: String, idPrefix: String) -> String? {
        guard let start = svg.range(of: "<svg") else { return nil }
        var markup = String(svg[start.lowerBound...])
        for marker in [" id=\"", "href=\"#", "url(#"] {
            markup = markup.replacingOccurrences(of: marker, with: marker + idPrefix)
        }
        guard let tagEnd = markup.firstIndex(of: ">") else { return nil }
        // The chart's own accessibility attributes (Charts' `SVGPostProcessor`) point at ids that
        // were just prefixed; one `role="img"` and one name, set below, replace them.
        var openTag = String(markup[..<tagEnd])
        for attribute in [#/ role="[^"]*"/#, #/ aria-labelledby="[^"]*"/#, #/ aria-label="[^"]*"/#] {
            openTag = openTag.replacing(attribute, with: "")
        }
        var rest = markup[markup.index(after: tagEnd)...]
        let afterSpace = rest.drop { $0.isWhitespace }
        if afterSpace.hasPrefix("<title"), let close = afterSpace.range(of: "</title>") {
            rest = afterSpace[close.upperBound...]
        }
        let alt = HTMLText.escape(altText)
        let trimmed = String(rest).trimmingCharacters(in: .whitespacesAndNewlines)
        return "\(openTag) role=\"img\" aria-label=\"\(alt)\"><title>\(alt)</title>\(trimmed)"
    }
}

/// Escaping for HTML text and attribute values (HTML Living Standard §13.1.2.6): `&`, `<`, `>`, `"`.
enum HTMLText {
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;")
            .replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }
}
