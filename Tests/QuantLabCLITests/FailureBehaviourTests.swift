import Foundation
import Testing

/// Issue 16, cases 1–3 end to end: a damaged store, a changed input and a failed rerun, each in
/// a copy of the one shared quick-profile study (nothing is rerun that the case does not need).
@Suite(.serialized) struct FailureBehaviourTests {
    /// The last line of `text`.
    func lastLine(_ text: String) -> String {
        String(text.split(separator: "\n").last ?? "")
    }

    /// Case 2: a damaged meta.json or a trials.jsonl that does not match its meta stops the
    /// report (exit ≠ 0, one line, report untouched) unless the section is rerun.
    @Test func damagedStoreIsAnErrorUnlessRerun() throws {
        let study = try TemporaryStudy(copying: try SharedStudy.run.get().study)
        defer { study.remove() }
        let before = try study.read("report/quick/quantization.md")
        let meta = study.root.appendingPathComponent("data/results/quick/formats/meta.json")
        try "{\"section\": \"formats\",".write(to: meta, atomically: true, encoding: .utf8)

        let damaged = try study.report(["--rerun", "none"])
        #expect(damaged.status != 0, "exit \(damaged.status)")
        #expect(lastLine(damaged.stderr).hasPrefix("Error: section formats: results damaged (data/results/quick/formats/meta.json: "),
                Comment(rawValue: damaged.stderr))
        #expect(lastLine(damaged.stderr).hasSuffix("the report was not written; rerun the section (quantlab run formats --profile quick)"))
        #expect(try study.read("report/quick/quantization.md") == before, "report untouched")

        // Rerunning the section (what `make formats` does first) repairs it.
        #expect(try study.quantlab(["run", "formats", "--profile", "quick", "--threads", "1"]).status == 0)
        #expect(try study.report(["--rerun", "none"]).status == 0)

        // trials.jsonl edited by hand: its checksum no longer matches meta.json.
        let trials = study.root.appendingPathComponent("data/results/quick/linreg/trials.jsonl")
        let text = try String(contentsOf: trials, encoding: .utf8)
        try String(text.split(separator: "\n").dropLast().joined(separator: "\n") + "\n").write(to: trials, atomically: true, encoding: .utf8)
        let written = try study.read("report/quick/quantization.md")
        let mismatch = try study.report(["--rerun", "none"])
        #expect(mismatch.status != 0)
        #expect(lastLine(mismatch.stderr).contains("section linreg: results damaged (trials.jsonl does not match meta.json)"),
                Comment(rawValue: mismatch.stderr))
        #expect(try study.read("report/quick/quantization.md") == written, "report untouched")
    }

    /// Cases 1 and 3: a truncated input makes its section stale; the rerun fails with the reason
    /// as the last line, `report` still writes the report (marking the section) but exits 1,
    /// and no path of this machine lands in the report.
    @Test func failedRerunIsNonZeroAndNamesTheReason() throws {
        let study = try TemporaryStudy(copying: try SharedStudy.run.get().study)
        defer { study.remove() }
        // A raw folder of links to the shared inputs, except a truncated copy of autompg.csv:
        // the shared data/raw is never modified.
        let fm = FileManager.default
        let raw = study.root.appendingPathComponent("data/raw")
        let shared = Binary.packageRoot.appendingPathComponent("data/raw").resolvingSymlinksInPath()
        try fm.removeItem(at: raw)
        try fm.createDirectory(at: raw, withIntermediateDirectories: true)
        for name in try fm.contentsOfDirectory(atPath: shared.path) where name != "autompg.csv" {
            try fm.createSymbolicLink(at: raw.appendingPathComponent(name), withDestinationURL: shared.appendingPathComponent(name))
        }
        let autompg = try String(contentsOf: shared.appendingPathComponent("autompg.csv"), encoding: .utf8)
        try autompg.split(separator: "\n").prefix(300).joined(separator: "\n")
            .write(to: raw.appendingPathComponent("autompg.csv"), atomically: true, encoding: .utf8)

        let run = try study.quantlab(["run", "linreg", "--profile", "quick", "--threads", "1"])
        #expect(run.status == 1)
        #expect(lastLine(run.stderr).hasPrefix("Error: linreg failed: "), Comment(rawValue: run.stderr))
        #expect(lastLine(run.stderr).contains("data/raw/autompg.csv: sha256 mismatch (expected 6ab76e375435…"),
                Comment(rawValue: run.stderr))

        let report = try study.report(["--sections", "linreg"])
        #expect(report.status == 1, Comment(rawValue: report.stderr))
        #expect(lastLine(report.stderr).hasPrefix("Error: linreg failed: "), Comment(rawValue: report.stderr))
        let markdown = try study.read("report/quick/quantization.md")
        #expect(markdown.contains("data/raw/autompg.csv: sha256 mismatch"), "the report marks the failed section")
        #expect(!markdown.contains(study.root.path) && !markdown.contains("/tmp/"), "no machine path in the report")
    }
}
