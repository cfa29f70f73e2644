public import Foundation

/// Whole-file writes that are atomic: a reader sees the old file or the new one, never a mix.
///
/// The bytes go to a temporary file in the same directory (so the rename stays on one file
/// system), are flushed with `fsync`, the temporary file is renamed over the target (POSIX
/// `rename` is atomic), and the directory is flushed so the rename is on disk too. If producing or writing the bytes fails, the temporary file is
/// removed and the target is untouched.
///
/// What sits at the path is respected: a symbolic link is followed to its target, which is
/// replaced (the link stays a link); a directory, device, FIFO or socket is refused
/// (`ResultsError.notRegularFile`), so no write replaces `/dev/null` or a folder by a file.
/// Several files can be written as one step (`write(_:)`): none is replaced unless all were
/// written.
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
        let target = try writableTarget(url)
        let temporary = try prepare(target, produce)
        do { try Syscalls.rename(temporary, target.path) } catch {
            try? Syscalls.unlink(temporary)
            throw error
        }
        // The rename is an entry of the directory: flushing the directory makes it survive a
        // crash too, so after a power loss the reader finds the new file, not the old one.
        try Syscalls.fsyncDirectory(target.deletingLastPathComponent().path)
    }

    /// Writes several files as one step: every file's bytes are written and flushed to a
    /// temporary file first; only when all are on disk are they renamed over their targets, in
    /// the given order. If any target is refused or any write fails, the temporaries are
    /// removed and no target is replaced (a `.npy` and its sidecar: a sidecar that cannot be
    /// written leaves the old `.npy` in place).
    ///
    /// The renames themselves are separate steps: a crash between two of them leaves the first
    /// files new and the rest old. Put the file that describes the others first.
    /// - Parameter files: each target and its bytes; links are followed as in `write(to:_:)`.
    public static func write(_ files: [(url: URL, bytes: [UInt8])]) throws(ResultsError) {
        var prepared: [(temporary: String, target: URL)] = []
        do {
            let targets = try files.map { file throws(ResultsError) in try writableTarget(file.url) }
            for (file, target) in zip(files, targets) {
                let temporary = try prepare(target) { sink throws(ResultsError) in try sink.append(file.bytes) }
                prepared.append((temporary, target))
            }
            while let first = prepared.first {
                try Syscalls.rename(first.temporary, first.target.path)
                prepared.removeFirst()
            }
        } catch {
            for file in prepared { try? Syscalls.unlink(file.temporary) }
            throw error
        }
        for directory in Set(files.map { $0.url.deletingLastPathComponent().path }) {
            try Syscalls.fsyncDirectory(directory)
        }
    }

    /// The file a write to `url` replaces: `url` itself, or the final target of a chain of
    /// symbolic links (relative links resolved against the link's folder); its folder is
    /// created when missing.
    /// - Throws: `ResultsError.notRegularFile` when the target exists and is not a regular file.
    static func writableTarget(_ url: URL) throws(ResultsError) -> URL {
        var path = url.path
        for _ in 0..<40 {  // Linux's own limit on links followed (ELOOP)
            guard let type = try Syscalls.fileType(path) else { break }
            if type == S_IFLNK {
                let link = try Syscalls.readLink(path)
                path = link.hasPrefix("/") ? link
                    : URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(link).path
                continue
            }
            guard type == S_IFREG else { throw .notRegularFile(path: path, kind: kindName(type)) }
            break
        }
        let target = URL(fileURLWithPath: path)
        try Syscalls.makeDirectories(target.deletingLastPathComponent().path)
        return target
    }

    /// Writes what `produce` appends to a fresh temporary beside `target`, flushed.
    /// - Returns: the temporary's path; on failure it is removed.
    private static func prepare(
        _ target: URL, _ produce: (inout AtomicSink) throws(ResultsError) -> Void
    ) throws(ResultsError) -> String {
        let temporary = temporaryPath(for: target)
        let fd = try Syscalls.open(temporary, O_WRONLY | O_CREAT | O_EXCL)
        var sink = AtomicSink(fd: fd, path: temporary)
        do {
            try produce(&sink)
            try Syscalls.fsync(fd, path: temporary)
            Syscalls.close(fd)
        } catch {
            Syscalls.close(fd)
            try? Syscalls.unlink(temporary)
            throw error
        }
        return temporary
    }

    /// `a directory`, `a character device`, … for an `S_IFMT` value.
    private static func kindName(_ type: mode_t) -> String {
        switch type {
        case S_IFDIR: "a directory"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFIFO: "a FIFO"
        case S_IFSOCK: "a socket"
        default: "not a regular file"
        }
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
