public import Charts
public import Foundation
public import Records

extension RenderedFigure {
    /// Writes the figure to `<base>.png` and `<base>.svg`, each atomically with `AtomicFile`
    /// (creating the directory when missing), so an interrupted run leaves the previous files.
    ///
    /// Charts writes no files itself; this is how the report, `quantlab gallery` and the gallery
    /// benchmark write theirs. Showing `warnings` to the user stays with the caller.
    /// - Parameter base: The path of both files without their extension.
    /// - Throws: `ResultsError` when a directory cannot be created or a file cannot be written.
    public func writeFiles(to base: URL) throws(ResultsError) {
        try AtomicFile.write(png, to: base.appendingPathExtension("png"))
        try AtomicFile.write(svg, to: base.appendingPathExtension("svg"))
    }
}
