public import Foundation

/// An exclusive lock on one results folder, held from acquisition until release or `deinit`.
///
/// An advisory `flock(2)` on `<folder>/.lock`: the kernel drops it when the holding process
/// exits, so a killed run never leaves a stale lock behind. The holder writes its pid and start
/// time into the file, which a second run shows in its message. The file itself is never
/// removed (removing a lock file while others wait on it would let two runs in).
public final class ResultsLock {
    private let fd: Int32
    /// The lock file's path.
    public let path: String

    private init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
    }

    deinit { Syscalls.close(fd) }

    /// Takes the lock of `directory`, creating the folder when missing.
    /// - Parameters:
    ///   - directory: the results folder.
    ///   - displayPath: the folder as shown in messages.
    ///   - wait: wait for the holder to finish (polling every 0.2 s) instead of throwing.
    ///   - onWait: told once, with the holder's description, when waiting begins.
    /// - Throws: `ResultsError.locked` naming the holder when `wait` is false and the lock is held.
    public static func acquire(
        _ directory: URL, displayPath: String, wait: Bool, onWait: (String) -> Void = { _ in }
    ) throws(ResultsError) -> ResultsLock {
        try Syscalls.makeDirectories(directory.path)
        let path = directory.appendingPathComponent(".lock").path
        let fd = try Syscalls.open(path, O_RDWR | O_CREAT)
        var told = false
        var waited = 0.0
        do throws(ResultsError) {
            while try !Syscalls.tryLockExclusive(fd, path: path) {
                // A child this process forks (to run git) shares the lock until it execs; a
                // short grace period keeps that moment from reading as another run's lock.
                if waited < graceSeconds {
                    Syscalls.sleep(seconds: 0.02)
                    waited += 0.02
                    continue
                }
                let holder = holderDescription(path)
                guard wait else { throw ResultsError.locked(path: displayPath + "/.lock", holder: holder) }
                if !told { onWait(holder); told = true }
                Syscalls.sleep(seconds: 0.2)
            }
            try Syscalls.truncate(fd, path: path)
            let stamp = RunMeta.timestamp(Date())
            try Syscalls.writeAll(fd, Array("pid \(Syscalls.processID()) since \(stamp)\n".utf8), path: path)
        } catch {
            Syscalls.close(fd)
            throw error
        }
        return ResultsLock(fd: fd, path: path)
    }

    /// How long a held lock is retried before it counts as held by another run, in seconds.
    static let graceSeconds = 1.0

    /// What the holder wrote into the lock file, e.g. `pid 1234 since 2026-11-23T12:40:01Z`.
    private static func holderDescription(_ path: String) -> String {
        let text = (try? String(contentsOfFile: path, encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return text.isEmpty ? "another process" : text
    }
}
