public import Foundation

extension ReportDocument {
    /// The report as one standalone HTML page: Ink's rendering of `markdown`, embedded CSS,
    /// every `.svg` figure inlined with its alt text as accessible name (see `HTMLPage`).
    /// - Parameter reportDirectory: The directory the Markdown lives in; figure paths are
    ///   relative to it.
    /// - Returns: The page, ending with one newline; the same document gives the same bytes.
    /// - Throws: `ReportError.io` for a figure SVG that cannot be read.
    public func html(reportDirectory: URL) throws -> String {
        try HTMLPage.render(self, reportDirectory: reportDirectory)
    }
}
