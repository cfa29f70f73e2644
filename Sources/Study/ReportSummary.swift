public import Analysis
import Report
public import Runner

/// What one `quantlab report` did, as its closing lines say it: each section reused or rerun,
/// the floors' verdicts, what was written and how long it all took.
///
/// ```
///   formats: reused, fresh
///   matmul: rerun, fresh
/// floors: 9 of 10 met
///   met      matmul: INT8 kernel speedup at n = 4096: 4.123× (floor 3.5×)
///   NOT MET  matmul: GEMV 4096×4096 INT8 (FP32 x) share of read bandwidth: 61.2 % (floor 70 %)
/// wrote report/quantization.md, report/quantization.html and 14 figures in figures/ (12.3 s)
/// ```
public struct ReportSummary: Sendable {
    /// Each section's outcome, in report order.
    public let outcomes: [SectionOutcome]
    /// The floors every chapter checked, by section, in report order.
    public let floors: [(section: String, check: FloorCheck)]
    /// The report file, relative to the workspace root (`report/quantization.md`).
    public let reportFile: String
    /// The figures folder, relative to the workspace root (`figures`).
    public let figuresDirectory: String
    /// Charts drawn (each to a PNG and an SVG).
    public let figureCount: Int
    /// Wall-clock seconds from the start of the command's work to the written report.
    public let seconds: Double

    /// The closing lines, each fitting `width` columns (long ones wrapped, continuation
    /// lines indented).
    public func lines(width: Int) -> [String] {
        // Each line with the indent of its continuation lines: a floor's wrapped text stays
        // right of its verdict column.
        var lines: [(text: String, indent: Int)] = outcomes.map {
            ("  \($0.section): \($0.rerun ? "rerun" : "reused"), \($0.after.state)", 4)
        }
        if floors.isEmpty {
            lines.append(("floors: none judged (no chapter's results hold the trials its floors need)", 2))
        } else {
            lines.append(("floors: \(floors.filter(\.check.holds).count) of \(floors.count) met", 2))
            lines += floors.map { ("  \($0.check.holds ? "met    " : "NOT MET")  \($0.section): \($0.check.terminalText)", 11) }
        }
        let html = reportFile.hasSuffix(".md") ? String(reportFile.dropLast(3)) + ".html" : reportFile + ".html"
        let figures = "\(figureCount) figure\(figureCount == 1 ? "" : "s") in \(figuresDirectory)/"
        lines.append(("wrote \(reportFile), \(html) and \(figures) (\(SectionRunner.durationText(seconds)))", 2))
        return lines.flatMap { TerminalText.wrapped($0.text, width: width, indent: $0.indent) }
    }
}
