public import Foundation
import Records

extension ReportBuilder {
    /// Builds the report and writes `reportFile` (Markdown) and the same name with `.html`.
    ///
    /// Both files are written atomically, HTML first, so a finished Markdown file always has its
    /// page beside it. Nothing is written if any check fails or pandoc, which makes the page
    /// (see `ReportDocument.html(reportDirectory:)`), is missing or fails.
    /// - Parameter reportFile: The Markdown file (`report/quantization.md`); figure paths are
    ///   relative to its directory.
    /// - Returns: The built document.
    /// - Throws: `ReportError` from `build()` or for a figure file that does not exist;
    ///   `PandocError` when `pandoc` is not on `PATH` or fails; `ResultsError` for a file that
    ///   cannot be written (the atomic writer is Records').
    @discardableResult
    public func write(to reportFile: URL) throws -> ReportDocument {
        try write(to: reportFile, pandocSearchPath: ProcessInfo.processInfo.environment["PATH"])
    }

    /// `write(to:)` with pandoc looked up in `pandocSearchPath` (directories separated by `:`)
    /// instead of `PATH`, so tests can take it away.
    @discardableResult
    func write(to reportFile: URL, pandocSearchPath: String?) throws -> ReportDocument {
        let document = try build()
        let directory = reportFile.deletingLastPathComponent()
        for figure in document.figures {
            let path = directory.appendingPathComponent(figure.image).standardizedFileURL.path
            guard FileManager.default.fileExists(atPath: path) else {
                throw ReportError.io(path: figure.image, message: "figure \(figure.label) has no image file; draw the charts first")
            }
        }
        let pandoc = try Pandoc.find(searchPath: pandocSearchPath)
        let html = try HTMLPage.render(document, reportDirectory: directory, pandoc: pandoc)
        try AtomicFile.write(html, to: reportFile.deletingPathExtension().appendingPathExtension("html"))
        try AtomicFile.write(document.markdown, to: reportFile)
        return document
    }
}
