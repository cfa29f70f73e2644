import Records
import Foundation

/// The text of `quantlab sections`: one row per section with its state, last run and reason.
///
/// ```
/// section  state    last run              duration  trials  reason
/// formats  fresh    2026-11-23T12:40:01Z  1.20 s    84
/// matmul   stale    2026-11-22T09:12:44Z  4m05s     1240    code changed (Sources/Kernels/…)
/// ```
public enum SectionListing {
    /// Aligned plain-text table of `statuses`; notes follow the table.
    public static func text(_ statuses: [SectionStatus]) -> String {
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
        let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max()! }
        var text = rows.map { row in
            zip(row, widths).enumerated().map { i, cell in
                i == row.count - 1 ? cell.0 : cell.0.padding(toLength: cell.1, withPad: " ", startingAt: 0)
            }.joined(separator: "  ").trimmingTrailingSpaces() + "\n"
        }.joined()
        for s in statuses { for note in s.notes { text += "\(s.section): note: \(note)\n" } }
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
