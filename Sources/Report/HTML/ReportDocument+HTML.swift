public import Foundation

extension ReportDocument {
    /// The report as one standalone HTML page: pandoc's conversion of `markdown` with MathML
    /// formulas and a table of contents, embedded CSS, every `.svg` figure inlined with its alt
    /// text as accessible name (see `HTMLPage`).
    /// - Parameter reportDirectory: The directory the Markdown lives in; figure paths are
    ///   relative to it.
    /// - Returns: The page, ending with one newline; the same document gives the same bytes.
    /// - Throws: `ReportError.io` for a figure SVG that cannot be read; `PandocError` when no
    ///   `pandoc` is on `PATH` (`pandoc not found; run make deps`) or it fails.
    public func html(reportDirectory: URL) throws -> String {
        try HTMLPage.render(self, reportDirectory: reportDirectory, pandoc: try Pandoc.fromEnvironment())
    }
}
