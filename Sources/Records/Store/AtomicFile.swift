public import Foundation

/// Whole-file writes that are atomic: a reader sees the old file or the new one, never a mix.
///
/// The bytes go to a temporary file in the same directory (so the rename stays on one file
/// system), are flushed with `fsync`, the temporary file is renamed over the target (POSIX
/// `rename` is atomic), and the directory is flushed so the rename is on disk too. If producing or writing the bytes fails, the temporary file is
/// removed and the target is untouched.
public enum AtomicFile {
    /// Writes `text` (UTF-8) to `url` atomically, creating the directory when missing.
    public static func write(_ text: String, to url: URL) throws(ResultsError) {
        try write(to: url) { sink throws(ResultsError) in try sink.append(text) }
    }

    /// Writes `bytes` as they are (a PNG, say) to `url` atomically, creating the directory when missing.
    public static func write(_ bytes: [UInt8], to url: URL) throws(ResultsError) {
        try write(to: url) { sink throws(ResultsError) in try sink.append(bytes) }
    }

    /// Writes what `produce` appends to `url` atomically; if `produce` throws, `url` is left as it was.
    /// - Parameters:
    ///   - url: the file to replace.
    ///   - produce: appends the new contents through the sink; may throw part-way.
    public static func write(
        to url: URL, _ produce: (inout AtomicSink) throws(ResultsError) -> Void
    ) throws(ResultsError) {
        try Syscalls.makeDirectories(url.deletingLastPathComponent().path)
        let temporary = temporaryPath(for: url)
        let fd = try Syscalls.open(temporary, O_WRONLY | O_CREAT | O_EXCL)
        var sink = AtomicSink(fd: fd, path: temporary)
        do {
            try produce(&sink)
            try Syscalls.fsync(fd, path: temporary)
            Syscalls.close(fd)
            try Syscalls.rename(temporary, url.path)
        } catch {
            Syscalls.close(fd)
            try? Syscalls.unlink(temporary)
            throw error
        }
        // The rename is an entry of the directory: flushing the directory makes it survive a
        // crash too, so after a power loss the reader finds the new file, not the old one.
        try Syscalls.fsyncDirectory(url.deletingLastPathComponent().path)
    }

    /// A hidden sibling name unique to this process and call: `.trials.jsonl.tmp-<pid>-<n>`.
    static func temporaryPath(for url: URL) -> String {
        let unique = UInt64.random(in: 0..<UInt64.max)  // names only; never affects results
        return url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(Syscalls.processID())-\(unique)").path
    }
}

/// Where `AtomicFile.write` producers append their bytes.
public struct AtomicSink {
    fileprivate let fd: Int32
    fileprivate let path: String

    /// Appends UTF-8 text.
    public mutating func append(_ text: String) throws(ResultsError) {
        try Syscalls.writeAll(fd, Array(text.utf8), path: path)
    }

    /// Appends raw bytes.
    public mutating func append(_ bytes: [UInt8]) throws(ResultsError) {
        try Syscalls.writeAll(fd, bytes, path: path)
    }
}
