/// Rewrites pandoc's HTML of figures, tables and headings into the elements a reader and a
/// screen reader expect: `<figure>` with `<figcaption>`, `<table>` with `<caption>` inside a
/// scrolling region, and a permalink on every heading.
///
/// pandoc's GitHub-flavoured reader has no figure or caption syntax, so the report's Markdown
/// writes a caption as a paragraph (`**Figure 3.** *…*`, `<a id="table-2"></a>**Table 2.** *…*`);
/// these functions move it into the element after conversion, where the caption's Markdown
/// (formulas included) is already HTML.
enum HTMLFloats {
    /// `page` with each figure placeholder block and the caption paragraph after it turned into
    /// `<figure id="figure-N">`, the chart inside a link to its full-size SVG file.
    /// - Parameters:
    ///   - page: pandoc's page.
    ///   - figures: Each SVG figure: its number, image path (the link target) and placeholder.
    /// - Returns: The page with `<!--quantlab-figure-N-->` left in each `<figure>` for the markup.
    /// - Throws: `PandocError.unexpectedOutput` when a placeholder or its caption is missing.
    static func figures(in page: String, _ figures: [(number: Int, image: String, placeholder: String)]) throws -> String {
        var page = page
        for figure in figures {
            let block = "<div class=\"figure\">\(figure.placeholder)</div>"
            let captionOpen = "<p><strong>Figure \(figure.number).</strong>"
            guard let blockRange = page.range(of: block),
                let captionStart = page[blockRange.upperBound...].range(of: captionOpen),
                page[blockRange.upperBound..<captionStart.lowerBound].allSatisfy(\.isWhitespace),
                let captionEnd = page[captionStart.upperBound...].range(of: "</p>")
            else { throw PandocError.unexpectedOutput(what: "the figure and caption of \(figure.image)") }
            let caption = page[page.index(captionStart.lowerBound, offsetBy: 3)..<captionEnd.lowerBound]
            let anchor = FloatKind.figure.anchor(figure.number)
            let replacement = "<figure id=\"\(anchor)\">\n<a class=\"figure-open\" href=\"\(HTMLText.escape(figure.image))\" "
                + "title=\"Open the chart full size\">\(figure.placeholder)</a>\n<figcaption>\(caption)</figcaption>\n</figure>"
            page.replaceSubrange(blockRange.lowerBound..<captionEnd.upperBound, with: replacement)
        }
        return page
    }

    /// `page` with each captioned table (`<p><a id="table-N"></a><strong>Table N.</strong> …</p>`
    /// then `<table>`) turned into a focusable scrolling region holding `<table id="table-N">`
    /// with its `<caption>`; the region is named by the caption.
    static func tables(in page: String) -> String {
        var result = ""
        result.reserveCapacity(page.utf8.count + 8192)
        var rest = page[...]
        while let start = rest.range(of: "<p><a id=\"table-") {
            let afterId = rest[start.upperBound...]
            guard let quote = afterId.firstIndex(of: "\""),
                afterId[quote...].hasPrefix("\"></a><strong>Table "),
                let pEnd = afterId.range(of: "</p>"),
                let tableOpen = afterId[pEnd.upperBound...].range(of: "<table"),
                afterId[pEnd.upperBound..<tableOpen.lowerBound].allSatisfy(\.isWhitespace),
                let tableTagEnd = afterId[tableOpen.upperBound...].firstIndex(of: ">"),
                let tableClose = afterId[tableTagEnd...].range(of: "</table>")
            else {
                result += rest[..<start.upperBound]
                rest = rest[start.upperBound...]
                continue
            }
            let anchor = "table-" + afterId[..<quote]
            let captionStart = afterId.index(quote, offsetBy: "\"></a>".count)
            let caption = afterId[captionStart..<pEnd.lowerBound]
            let tableAttributes = afterId[tableOpen.upperBound..<tableTagEnd]
            result += rest[..<start.lowerBound]
            result += "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"\(anchor)-caption\">\n"
            result += "<table id=\"\(anchor)\"\(tableAttributes)>\n<caption id=\"\(anchor)-caption\">\(caption)</caption>"
            result += afterId[afterId.index(after: tableTagEnd)..<tableClose.upperBound]
            result += "\n</div>"
            rest = afterId[tableClose.upperBound...]
        }
        result += rest
        return result
    }

    /// `page` with a `#` link to itself at the end of every `<h2>`…`<h4>` that has an id, so a
    /// reader can copy the address of any section.
    static func permalinks(in page: String) -> String {
        page.replacing(#/<h([2-4]) id="([^"]+)">(.*?)</h\1>/#) { match in
            let (_, level, id, text) = match.output
            return "<h\(level) id=\"\(id)\">\(text) <a class=\"permalink\" href=\"#\(id)\" aria-label=\"Link to this section\">#</a></h\(level)>"
        }
    }
}
