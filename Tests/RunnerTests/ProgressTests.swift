import Testing
@testable import Records
@testable import Runner

@Suite struct ProgressTests {
    @Test func plainOutputWritesALineEveryInterval() {
        let recording = RecordingOutput()
        let progress = ProgressReporter(label: "demo", output: recording.output(isTerminal: false))
        progress.start(total: 10)
        for step in 1...9 {
            recording.advance(to: Double(step))  // one unit per second
            progress.advance()
        }
        #expect(recording.lines == ["demo: 5/10 (50%), 1.0/s, ETA 5s\n"], "first line after 5 s, none before 10 s")
        recording.advance(to: 10)
        progress.advance()
        #expect(recording.lines.last == "demo: 10/10 (100%), 1.0/s, ETA 0s\n", "the last unit always reports")
    }

    @Test func terminalOutputIsALiveBar() {
        let recording = RecordingOutput()
        let progress = ProgressReporter(label: "demo", output: recording.output(isTerminal: true))
        progress.start(total: 4, task: "warm-up")
        recording.advance(to: 2)
        progress.advance(task: "n=10")
        #expect(recording.lines == ["\r\u{1B}[2Kdemo  [#####···············]  1/4  0.5/s  ETA 6s  n=10"])
        progress.summary("done")
        #expect(recording.lines.suffix(2) == ["\r\u{1B}[2K", "done\n"], "bar cleared before the summary")
    }

    @Test func clockText() {
        #expect(ProgressReporter.clockText(42) == "42s")
        #expect(ProgressReporter.clockText(185) == "3m05s")
        #expect(ProgressReporter.clockText(3720) == "1h02m")
    }
}

/// Issue 16: the ETA weighs each unit by its expected cost, and lines fit the terminal.
@Suite struct CostWeightedProgressTests {
    @Test func etaCountsWorkNotTrials() {
        // Three trials costing 1, 1 and 98 (three products of n = 10, 10 and 46: n³ ≈ 1 : 1 : 98),
        // each of the first two taking a second. Counting trials would promise 1 s; the cost says
        // 98 units at 1 unit a second remain.
        let recording = RecordingOutput()
        let progress = ProgressReporter(label: "matmul", output: recording.output(isTerminal: true))
        progress.start(total: 3, cost: 100)
        recording.advance(to: 1)
        progress.advance(cost: 1, task: "n=10")
        recording.advance(to: 2)
        progress.advance(cost: 1, task: "n=10")
        #expect(recording.lines == [
            "\r\u{1B}[2Kmatmul  [····················]  1/3  1.0/s  ETA 1m39s  n=10",  // 1 s × 99 / 1
            "\r\u{1B}[2Kmatmul  [····················]  2/3  1.0/s  ETA 1m38s  n=10",  // 2 s × 98 / 2
        ])
        recording.advance(to: 100)
        progress.advance(cost: 98, task: "n=46")
        #expect(recording.lines.last == "\r\u{1B}[2Kmatmul  [####################]  3/3  0.0/s  ETA 0s  n=46")
    }

    @Test func plainLinesShowTheShareOfWork() {
        let recording = RecordingOutput()
        let progress = ProgressReporter(label: "matmul", output: recording.output(isTerminal: false))
        progress.start(total: 4, cost: 40)
        for (time, cost) in [(2.0, 1.0), (6.0, 9.0)] {
            recording.advance(to: time)
            progress.advance(cost: cost)
        }
        // 10 of 40 units after 6 s: 25 % of the work, 18 s left, although half the trials are done.
        #expect(recording.lines == ["matmul: 2/4 (25%), 0.3/s, ETA 18s\n"])
    }

    @Test func remainingSecondsFormula() {
        #expect(ProgressReporter.remainingSeconds(elapsed: 10, doneCost: 1_000, totalCost: 1_001_000) == 10_000)
        #expect(ProgressReporter.remainingSeconds(elapsed: 10, doneCost: 0, totalCost: 5) == 0, "no pace yet")
        #expect(ProgressReporter.remainingSeconds(elapsed: 10, doneCost: 6, totalCost: 5) == 0, "over-run")
    }

    @Test func liveLineIsCutToTheWidthAndSummariesWrap() {
        let recording = RecordingOutput()
        let progress = ProgressReporter(label: "matmul", output: recording.output(isTerminal: true, width: 40))
        progress.start(total: 2)
        recording.advance(to: 1)
        progress.advance(task: "fp8-e4m3 n=10000 outliers")
        // 39 visible characters: one column spare, so the terminal never wraps the redrawn line.
        #expect(recording.lines == ["\r\u{1B}[2Kmatmul  [##########··········]  1/2  1…"])
        progress.summary("matmul: 1240 trials in 2m15s → data/results/full/matmul (profile full, seed 42, fingerprint 0123456789ab)")
        #expect(recording.lines.last == """
            matmul: 1240 trials in 2m15s →
              data/results/full/matmul (profile
              full, seed 42, fingerprint
              0123456789ab)

            """)
    }
}
