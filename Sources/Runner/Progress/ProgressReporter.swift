import Records
import Synchronization

/// Progress of long work on standard error: a live bar with counts, rate and ETA on a terminal,
/// otherwise one line every few seconds, so logs stay short.
///
/// ```
/// matmul  [##########··········]  120/240  3.2/s  ETA 38s  int8 n=1000
/// ```
/// The counts and the rate are units (trials, epochs); the bar, the percentage and the ETA are
/// work: each unit may carry an expected cost (n³ multiply-adds for an n × n product), and
///
/// ```
/// ETA = elapsed × (total cost − cost done) / cost done
/// ```
/// so a run whose last trials are its largest is not promised in seconds. Without costs every
/// unit costs 1 and the ETA counts units. A live line is cut to the output's width; summary
/// lines are wrapped to it.
///
/// Thread-safe: trials may advance it from several threads. Redraws are limited to ten a second.
public final class ProgressReporter: Sendable {
    private struct State {
        var total = 0
        var done = 0
        var totalCost = 0.0
        var doneCost = 0.0
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
    /// - Parameter cost: the expected cost of all units together, in the unit `advance` is given
    ///   costs in (multiply-adds, samples); `nil`: one per unit.
    public func start(total: Int, cost: Double? = nil, task: String = "") {
        let now = output.now()
        state.withLock {
            $0 = State(total: total, done: 0, totalCost: cost ?? Double(total), doneCost: 0, task: task, started: now)
        }
    }

    /// Records `count` more units done, optionally naming the current task.
    /// - Parameter cost: their expected cost, as counted in `start`'s total; `nil`: one per unit.
    public func advance(by count: Int = 1, cost: Double? = nil, task: String? = nil) {
        let now = output.now()
        let line: String? = state.withLock { s in
            s.done += count
            s.doneCost += cost ?? Double(count)
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

    /// Writes one finished line (a section summary), clearing a live bar first; a line wider
    /// than the output is wrapped at spaces (continuation lines indented).
    public func summary(_ line: String) {
        finish()
        output.writeWrapped(line)
    }

    private func render(_ s: State, now: Double) -> String {
        let elapsed = max(now - s.started, 1e-9)
        let rate = Double(s.done) / elapsed
        let remaining = Self.remainingSeconds(elapsed: elapsed, doneCost: s.doneCost, totalCost: s.totalCost)
        let share = s.totalCost > 0 ? min(1, max(0, s.doneCost / s.totalCost)) : 1
        let counts = "\(s.done)/\(s.total)"
        let rateText = rate >= 10 ? String(Int(rate.rounded())) : String(Double(Int(rate * 10)) / 10)
        let task = s.task.isEmpty ? "" : "  \(s.task)"
        if output.isTerminal {
            let width = 20
            let filled = min(width, Int(Double(width) * share))
            let bar = String(repeating: "#", count: filled) + String(repeating: "·", count: width - filled)
            let line = "\(label)  [\(bar)]  \(counts)  \(rateText)/s  ETA \(ProgressReporter.clockText(remaining))\(task)"
            // Cut to the width: a wrapped live line could not be redrawn in place.
            return "\r\u{1B}[2K" + TerminalText.truncated(line, width: output.width - 1)
        }
        let percent = Int(100 * share)
        return "\(label): \(counts) (\(percent)%), \(rateText)/s, ETA \(ProgressReporter.clockText(remaining))\(task)\n"
    }

    /// Seconds left if the remaining work goes at the pace of the work done so far:
    /// `elapsed × (totalCost − doneCost) / doneCost`; 0 when nothing is left or nothing is
    /// done yet (no pace to extrapolate).
    static func remainingSeconds(elapsed: Double, doneCost: Double, totalCost: Double) -> Double {
        guard doneCost > 0, totalCost > doneCost else { return 0 }
        return elapsed * (totalCost - doneCost) / doneCost
    }

    /// `42s`, `3m05s`, `1h02m`.
    static func clockText(_ seconds: Double) -> String {
        let s = Int(seconds.rounded(.up))
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" + (s % 60 < 10 ? "0" : "") + "\(s % 60)s" }
        return "\(s / 3600)h" + ((s % 3600) / 60 < 10 ? "0" : "") + "\((s % 3600) / 60)m"
    }
}
