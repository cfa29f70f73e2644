public import Foundation
import Records

extension ReportBuilder {
    /// Builds the report and writes `reportFile` (Markdown) and the same name with `.html`.
    ///
    /// Both files are written atomically, HTML first, so a finished Markdown file always has its
    /// page beside it. Nothing is written if any check fails.
    /// - Parameter reportFile: The Markdown file (`report/quantization.md`); figure paths are
    ///   relative to its directory.
    /// - Returns: The built document.
    /// - Throws: `ReportError` from `build()` or for a figure file that does not exist;
    ///   `ResultsError` for a file that cannot be written (the atomic writer is Results').
    @discardableResult
    public func write(to reportFile: URL) throws -> ReportDocument {
        let document = try build()
        let directory = reportFile.deletingLastPathComponent()
        for figure in document.figures {
            let path = directory.appendingPathComponent(figure.image).standardizedFileURL.path
            guard FileManager.default.fileExists(atPath: path) else {
                throw ReportError.io(path: figure.image, message: "figure \(figure.label) has no image file; draw the charts first")
            }
        }
        let html = try document.html(reportDirectory: directory)
        try AtomicFile.write(html, to: reportFile.deletingPathExtension().appendingPathExtension("html"))
        try AtomicFile.write(document.markdown, to: reportFile)
        return document
    }
}
