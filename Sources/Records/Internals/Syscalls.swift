#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every POSIX call of the Records module, each turning a failure into `ResultsError.io`.
///
/// Foundation's `FileManager` has no `fsync`, `flock` or `O_EXCL` create; these few calls are
/// what atomic writes and the results lock need, kept in one place (as swift-system does).
enum Syscalls {
    static func errorText(_ code: Int32) -> String { String(cString: strerror(code)) }

    /// Opens `path` with `flags` (and mode 0644 when creating).
    static func open(_ path: String, _ flags: Int32) throws(ResultsError) -> Int32 {
        let fd = Glibc.open(path, flags | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io(path: path, operation: "open", errno: errno) }
        return fd
    }

    static func close(_ fd: Int32) { _ = Glibc.close(fd) }

    /// Writes all of `bytes`, retrying short writes and EINTR.
    static func writeAll(_ fd: Int32, _ bytes: some Collection<UInt8>, path: String) throws(ResultsError) {
        let array = Array(bytes)
        var offset = 0
        while offset < array.count {
            let n = array.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, array.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .io(path: path, operation: "write", errno: errno)
            }
            offset += n
        }
    }

    /// Flushes `fd` to the disk, so a rename after it never exposes an empty file after a crash.
    static func fsync(_ fd: Int32, path: String) throws(ResultsError) {
        guard Glibc.fsync(fd) == 0 else { throw .io(path: path, operation: "fsync", errno: errno) }
    }

    /// Flushes the directory `path` (its entries: a rename into it), as `fsync` of an
    /// `O_RDONLY | O_DIRECTORY` descriptor.
    static func fsyncDirectory(_ path: String) throws(ResultsError) {
        let fd = try open(path, O_RDONLY | O_DIRECTORY)
        defer { close(fd) }
        try fsync(fd, path: path)
    }

    /// Renames `from` over `to` atomically (POSIX `rename`).
    static func rename(_ from: String, _ to: String) throws(ResultsError) {
        guard Glibc.rename(from, to) == 0 else { throw .io(path: to, operation: "rename", errno: errno) }
    }

    /// Removes `path`; a missing file is not an error.
    static func unlink(_ path: String) throws(ResultsError) {
        guard Glibc.unlink(path) == 0 || errno == ENOENT else {
            throw .io(path: path, operation: "unlink", errno: errno)
        }
    }

    /// Tries to take an exclusive `flock` on `fd`; `false` when another open file holds it.
    static func tryLockExclusive(_ fd: Int32, path: String) throws(ResultsError) -> Bool {
        while true {
            if flock(fd, LOCK_EX | LOCK_NB) == 0 { return true }
            if errno == EINTR { continue }
            if errno == EWOULDBLOCK { return false }
            throw .io(path: path, operation: "flock", errno: errno)
        }
    }

    static func truncate(_ fd: Int32, path: String) throws(ResultsError) {
        guard ftruncate(fd, 0) == 0 else { throw .io(path: path, operation: "ftruncate", errno: errno) }
    }

    static func processID() -> Int32 { getpid() }

    /// Sleeps for `seconds`.
    static func sleep(seconds: Double) {
        _ = usleep(UInt32(seconds * 1_000_000))
    }
}

extension Syscalls {
    /// The file type bits (`st_mode & S_IFMT`) of `path` itself (a symbolic link is not
    /// followed), or `nil` when nothing is there.
    static func fileType(_ path: String) throws(ResultsError) -> mode_t? {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return nil }
            throw .io(path: path, operation: "lstat", errno: errno)
        }
        return info.st_mode & S_IFMT
    }

    /// The text of the symbolic link `path` (`readlink`).
    static func readLink(_ path: String) throws(ResultsError) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = Glibc.readlink(path, &buffer, buffer.count - 1)
        guard n >= 0 else { throw .io(path: path, operation: "readlink", errno: errno) }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Creates `path` and its missing parents (mode 0755), like `mkdir -p`.
    static func makeDirectories(_ path: String) throws(ResultsError) {
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw .io(path: prefix, operation: "mkdir", errno: errno)
            }
        }
    }
}
