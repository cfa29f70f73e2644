import Records
import Synchronization

/// Progress of long work on standard error: a live bar with counts, rate and ETA on a terminal,
/// otherwise one line every few seconds, so logs stay short.
///
/// ```
/// matmul  [##########··········]  120/240  3.2/s  ETA 38s  int8 n=1000
/// ```
/// Thread-safe: trials may advance it from several threads. Redraws are limited to ten a second.
public final class ProgressReporter: Sendable {
    private struct State {
        var total = 0
        var done = 0
        var task = ""
        var started = 0.0
        var lastDraw = -Double.infinity
        var drewBar = false
    }

    /// The name shown before the bar, usually the section id.
    public let label: String
    private let output: ProgressOutput
    private let state = Mutex(State())

    /// A reporter labelled `label` (the section id) writing to `output`.
    public init(label: String, output: ProgressOutput) {
        self.label = label
        self.output = output
    }

    /// Starts counting `total` units of work (trials, epochs, …).
    public func start(total: Int, task: String = "") {
        let now = output.now()
        state.withLock {
            $0 = State(total: total, done: 0, task: task, started: now)
        }
    }

    /// Records `count` more units done, optionally naming the current task.
    public func advance(by count: Int = 1, task: String? = nil) {
        let now = output.now()
        let line: String? = state.withLock { s in
            s.done += count
            if let task { s.task = task }
            let due = output.isTerminal ? now - s.lastDraw >= 0.1 : now - s.lastDraw >= output.interval
            guard due || s.done == s.total else { return nil }
            if !output.isTerminal && s.lastDraw == -.infinity && now - s.started < output.interval {
                s.lastDraw = s.started  // plain logs: the first line comes after one interval
                return nil
            }
            s.lastDraw = now
            s.drewBar = output.isTerminal
            return render(s, now: now)
        }
        if let line { output.write(line) }
    }

    /// Ends the work: clears a live bar so the summary line starts clean.
    public func finish() {
        let clear = state.withLock { s -> Bool in
            defer { s.drewBar = false }
            return s.drewBar
        }
        if clear { output.write("\r\u{1B}[2K") }
    }

    /// Writes one finished line (a section summary), clearing a live bar first.
    public func summary(_ line: String) {
        finish()
        output.write(line + "\n")
    }

    private func render(_ s: State, now: Double) -> String {
        let elapsed = max(now - s.started, 1e-9)
        let rate = Double(s.done) / elapsed
        let remaining = s.total > s.done && rate > 0 ? Double(s.total - s.done) / rate : 0
        let counts = "\(s.done)/\(s.total)"
        let rateText = rate >= 10 ? String(Int(rate.rounded())) : String(Double(Int(rate * 10)) / 10)
        let task = s.task.isEmpty ? "" : "  \(s.task)"
        if output.isTerminal {
            let width = 20
            let filled = s.total > 0 ? min(width, width * s.done / s.total) : 0
            let bar = String(repeating: "#", count: filled) + String(repeating: "·", count: width - filled)
            return "\r\u{1B}[2K\(label)  [\(bar)]  \(counts)  \(rateText)/s  ETA \(ProgressReporter.clockText(remaining))\(task)"
        }
        let percent = s.total > 0 ? 100 * s.done / s.total : 100
        return "\(label): \(counts) (\(percent)%), \(rateText)/s, ETA \(ProgressReporter.clockText(remaining))\(task)\n"
    }

    /// `42s`, `3m05s`, `1h02m`.
    static func clockText(_ seconds: Double) -> String {
        let s = Int(seconds.rounded(.up))
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" + (s % 60 < 10 ? "0" : "") + "\(s % 60)s" }
        return "\(s / 3600)h" + ((s % 3600) / 60 < 10 ? "0" : "") + "\((s % 3600) / 60)m"
    }
}
