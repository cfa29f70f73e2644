import Foundation

/// Writes files atomically: to a temporary file in the same directory, then `rename(2)`, so a
/// reader sees the old file or the new one, never half of one.
enum AtomicFile {
    static func write(_ bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try Data(bytes).write(to: temporary)
        } catch {
            throw ChartError.writeFailed(path: path, reason: "\(error.localizedDescription)")
        }
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary.path)
            throw ChartError.writeFailed(path: path, reason: reason)
        }
    }
}
