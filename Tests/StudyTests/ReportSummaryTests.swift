import Analysis
@testable import Runner
@testable import Study
import Testing

/// Issue 16: `quantlab report` ends with each section's outcome, the floors' verdicts, what it
/// wrote and the elapsed time, in lines that fit the terminal.
@Suite struct ReportSummaryTests {
    static func outcome(_ id: String, rerun: Bool) -> SectionOutcome {
        let status = SectionStatus(section: id, state: .fresh, lastGood: nil, lastFailure: nil, staleReasons: [], notes: [])
        return SectionOutcome(before: status, rerun: rerun, after: status)
    }

    static let summary = ReportSummary(
        outcomes: [outcome("formats", rerun: false), outcome("matmul", rerun: true)],
        floors: [
            ("matmul", FloorCheck(name: "INT8 kernel speedup at n = 4096", measured: 4.1234, required: 3.5, isShare: false)),
            ("matmul", FloorCheck(
                name: "GEMV 4096×4096, weights from memory, INT8 (FP32 x) share of read bandwidth",
                measured: 0.61234, required: 0.7, isShare: true)),
        ],
        reportFile: "report/quantization.md", figuresDirectory: "figures", figureCount: 14, seconds: 12.34)

    @Test func closingLinesAtEightyColumns() {
        #expect(Self.summary.lines(width: 80) == [
            "  formats: reused, fresh",
            "  matmul: rerun, fresh",
            "floors: 1 of 2 met",
            "  met      matmul: INT8 kernel speedup at n = 4096: 4.123× (floor 3.5×)",
            "  NOT MET  matmul: GEMV 4096×4096, weights from memory, INT8 (FP32 x) share of",
            "           read bandwidth: 61.23 % (floor 70 %)",
            "wrote report/quantization.md, report/quantization.html and 14 figures in",
            "  figures/ (12.3 s)",
        ])
    }

    @Test func everyLineFitsANarrowTerminal() {
        for width in [40, 60, 100] {
            #expect(Self.summary.lines(width: width).allSatisfy { $0.count <= width }, "width \(width)")
        }
    }

    @Test func noFloorsIsSaid() {
        let none = ReportSummary(
            outcomes: [], floors: [], reportFile: "report/quick/quantization.md", figuresDirectory: "figures/quick",
            figureCount: 1, seconds: 0.5)
        #expect(none.lines(width: 200) == [
            "floors: none judged (no chapter's results hold the trials its floors need)",
            "wrote report/quick/quantization.md, report/quick/quantization.html and 1 figure in figures/quick/ (0.50 s)",
        ])
    }
}
