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
