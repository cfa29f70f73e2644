import Foundation
import Records
import Runner
import Study

/// `make report` with nothing stale: analysis, charts and both documents from the stored results
/// of this checkout, timed end to end. Floor: under 5 s on this machine (issue: report pipeline).
///
/// It rebuilds the real `report/` and `figures/` from the real `data/results/` (reruns nothing),
/// so it is safe to run on a checkout whose results are committed.
func runReportBenchmark(floors: inout FloorLedger) throws {
    let workspace = Workspace.current()
    let runner = SectionRunner(workspace: workspace, profile: .full, seed: RunDefaults.seed, threads: 1, output: .silent)
    let report = StudyReport(runner: runner)
    var seconds: [Double] = []
    for _ in 0..<3 {
        let start = ContinuousClock.now
        try report.run(policy: .none)
        let elapsed = ContinuousClock.now - start
        seconds.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }
    let median = seconds.sorted()[seconds.count / 2]
    print("report with nothing rerun: median \(String(format: "%.2f", median)) s of \(seconds.count) runs")
    floors.atMost("report with nothing rerun, median", median, 5)
}
