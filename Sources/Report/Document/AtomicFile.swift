import Foundation

/// Writes a file so that readers see either the old content or the new, never a mix.
///
/// The text goes to a temporary file in the same directory (same file system), which is then
/// renamed over the target (POSIX `rename(2)` replaces atomically). A run killed at any moment
/// leaves the previous file intact, plus at most a stray `.NAME.PID.tmp`.
enum AtomicFile {
    /// Replaces the file at `url` with `text` in UTF-8.
    /// - Throws: `ReportError.io` naming the file when writing or renaming fails.
    static func write(_ text: String, to url: URL) throws {
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: temporary)
        } catch {
            throw ReportError.io(path: url.relativePath, message: "cannot write (\(error.localizedDescription))")
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw ReportError.io(path: url.relativePath, message: "cannot replace (\(reason))")
        }
    }
}
