import Records
import Foundation

/// The text of `quantlab sections`: one row per section with its state, last run and reason.
///
/// ```
/// section  state    last run              duration  trials  reason
/// formats  fresh    2026-11-23T12:40:01Z  1.20 s    84
/// matmul   stale    2026-11-22T09:12:44Z  4m05s     1240    code changed
///                                                           (Sources/Kernels/…)
/// ```
/// The reason column is wrapped to the width left of the terminal's; when fewer than
/// `minimumReasonWidth` columns are left, the reason goes under its row, indented.
public enum SectionListing {
    /// The narrowest reason column worth keeping beside the others.
    static let minimumReasonWidth = 24

    /// Aligned plain-text table of `statuses`, fitting `width` columns; notes follow the table.
    public static func text(_ statuses: [SectionStatus], width: Int = TerminalWidth.fallback) -> String {
        guard !statuses.isEmpty else { return "no sections are registered yet\n" }
        var rows = [["section", "state", "last run", "duration", "trials", "reason"]]
        for s in statuses {
            let good = s.lastGood
            let reason: String
            switch s.state {
            case .stale(let reasons): reason = reasons.map(\.description).joined(separator: "; ")
            case .failed(let error):
                reason = error + (good == nil ? "" : "; last good results kept, stale")
            default: reason = ""
            }
            let shown = s.lastFailure.flatMap { f in s.state.name == "failed" ? f : nil } ?? good
            rows.append([
                s.section, s.state.name, shown?.startTime ?? "-",
                shown.map { SectionRunner.durationText($0.durationSeconds) } ?? "-",
                good.map { String($0.trials) } ?? "-", reason,
            ])
        }
        let widths = (0..<rows[0].count - 1).map { column in rows.map { $0[column].count }.max()! }
        let reasonStart = widths.reduce(0) { $0 + $1 + 2 }
        let beside = width - reasonStart >= minimumReasonWidth
        var text = ""
        for row in rows {
            let fixed = zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
            let reason = row[row.count - 1]
            if reason.isEmpty {
                text += fixed.trimmingTrailingSpaces() + "\n"
            } else if beside {
                let lines = TerminalText.wrapped(reason, width: width - reasonStart)
                text += fixed + "  " + lines[0] + "\n"
                for line in lines.dropFirst() { text += String(repeating: " ", count: reasonStart) + line + "\n" }
            } else {
                text += fixed.trimmingTrailingSpaces() + "\n"
                for line in TerminalText.wrapped(reason, width: width - 4) { text += "    " + line + "\n" }
            }
        }
        for s in statuses {
            for note in s.notes { text += TerminalText.wrapped("\(s.section): note: \(note)", width: width, indent: 2).map { $0 + "\n" }.joined() }
        }
        return text
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
