#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every POSIX call of the Runner module: the terminal check, its width and unbuffered writes of
/// the progress output, and the thread variables oneDNN and OpenBLAS read at start-up.
enum Syscalls {
    /// Whether `fd` is a terminal (progress lines are redrawn in place only on one).
    static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// The column count of the terminal on `fd` (`TIOCGWINSZ`), or `nil` when `fd` is not a
    /// terminal or reports no width.
    static func terminalColumns(_ fd: Int32) -> Int? {
        var size = winsize()
        guard isatty(fd) == 1, ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// The value of environment variable `name`, if set.
    static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// Writes `text` to standard error unbuffered, retrying short writes and EINTR; errors are
    /// dropped, since there is nowhere left to report them.
    static func writeStandardError(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(2, $0.baseAddress! + offset, bytes.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += n
        }
    }

    /// Sets an environment variable of this process (overwriting).
    static func setEnvironment(_ name: String, _ value: String) {
        _ = setenv(name, value, 1)
    }
}
