#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file operation that failed: the path and what went wrong, on one line.
public struct FileError: Error, CustomStringConvertible, Sendable, Hashable {
    public let path: String
    public let problem: String

    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String { "\(path): \(problem)" }
}

/// Whole-file reads and atomic whole-file writes through POSIX calls.
public enum FileBytes {
    /// The whole contents of a regular file.
    ///
    /// A device, FIFO or directory is refused before anything is read: `/dev/zero` has no end,
    /// so reading it "whole" would grow memory until the process is killed. Memory is reserved
    /// from the file's size, so what a reader allocates is bounded by what is on disk.
    /// - Throws: `FileError` naming the path and the `errno` text, or "not a regular file".
    public static func read(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw FileError(path: path, problem: "cannot open (\(lastError()))") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw FileError(path: path, problem: "cannot stat (\(lastError()))") }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw FileError(path: path, problem: "not a regular file (a device, FIFO or directory); give a file")
        }
        var bytes = [UInt8]()
        bytes.reserveCapacity(Int(info.st_size))
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 { throw FileError(path: path, problem: "read failed (\(lastError()))") }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return bytes
    }

    /// Writes `bytes` atomically: to a temporary file in the same directory, flushed, then
    /// renamed over `path`, so a reader sees the old file or the new one, never a part.
    /// - Throws: `FileError` naming the path; the temporary file is removed on failure.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        let temporary = "\(path).tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw FileError(path: path, problem: "cannot create \(temporary) (\(lastError()))") }
        var failure: String?
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n <= 0 {
                    failure = "write failed (\(lastError()))"
                    return
                }
                offset += n
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = "fsync failed (\(lastError()))" }
        close(fd)
        if failure == nil, rename(temporary, path) != 0 { failure = "rename failed (\(lastError()))" }
        if let failure {
            unlink(temporary)
            throw FileError(path: path, problem: failure)
        }
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }
}
