import Foundation

/// A persistent peer process spoken to one line at a time: a command on its standard input,
/// one reply line on its standard output (`PeerReply`). Its standard error goes to ours, so a
/// crash prints its traceback. The process is ended (`quit`, then terminate) in `deinit`.
///
/// Persistent rather than one process per timing so that a benchmark can interleave its own
/// variants with the peer's round by round, every peer model loaded once.
public final class PeerProcess {
    private let process = Process()
    private let input = Pipe(), output = Pipe()
    /// Bytes read past the last returned line.
    private var pending: [UInt8] = []
    /// Whether `run()` succeeded: `deinit` also runs when `init` throws, and must not wait on a
    /// process that never started.
    private var launched = false

    /// Starts `executable` with `arguments` in `directory`, with `environment` added to ours.
    /// - Throws: Foundation's error when the executable cannot be started.
    public init(executable: String, arguments: [String], directory: String, environment: [String: String] = [:]) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        launched = true
    }

    /// The next line the peer writes, without its newline; `nil` once it has closed its output.
    public func readLine() -> String? {
        while true {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                return line
            }
            let data = output.fileHandleForReading.availableData
            if data.isEmpty {
                guard !pending.isEmpty else { return nil }
                defer { pending = [] }
                return String(decoding: pending, as: UTF8.self)
            }
            pending += data
        }
    }

    /// Sends one command line.
    /// - Throws: Foundation's error when the peer has closed its input.
    public func send(_ command: String) throws {
        try input.fileHandleForWriting.write(contentsOf: Data((command + "\n").utf8))
    }

    /// Sends `command` and parses the reply.
    /// - Throws: `PeerProtocolError` when the peer exits without replying or replies off-protocol.
    public func request(_ command: String) throws -> PeerReply {
        try send(command)
        guard let line = readLine() else { throw PeerProtocolError(line: "", problem: "the peer exited after '\(command)'") }
        return try PeerReply(parsing: line)
    }

    deinit {
        guard launched else { return }
        if process.isRunning {
            try? send("quit")
            try? input.fileHandleForWriting.close()
            // The peer exits on `quit`; terminate only one that does not within two seconds.
            let deadline = Date().addingTimeInterval(2)
            while process.isRunning && Date() < deadline { usleep(10_000) }
            if process.isRunning { process.terminate() }
        }
        process.waitUntilExit()
    }
}
