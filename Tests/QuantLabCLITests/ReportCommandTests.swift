import Foundation
import Testing

/// End-to-end runs of `quantlab report`, built on the one shared quick-profile run.
@Suite(.serialized) struct ReportCommandTests {
    @Test func reportIsCompleteThenStable() throws {
        let shared = try SharedStudy.run.get()
        let study = shared.study
        #expect(shared.first.status == 0, "report failed: \(shared.first.stderr)")
        let markdown = shared.markdown
        let html = try study.read("report/quick/quantization.html")
        #expect(html.contains("<svg"), "figures are inlined as SVG")
        #expect(!markdown.contains("{{"), "no placeholder is left")
        #expect(!markdown.contains(study.root.path) && !markdown.contains("/tmp/"), "no machine path in the report")

        // The quick report sits beside the full one and links its own figures.
        let images = markdown.matches(of: /\]\(([^)]+\.svg)\)/).map { String($0.1) }
        #expect(!images.isEmpty)
        for image in images {
            #expect(image.hasPrefix("../../figures/quick/"), "\(image)")
            let path = study.root.appendingPathComponent("report/quick").appendingPathComponent(image).standardizedFileURL.path
            #expect(FileManager.default.fileExists(atPath: path), "missing figure \(image)")
            #expect(FileManager.default.fileExists(atPath: path.replacingOccurrences(of: ".svg", with: ".png")), "missing PNG beside \(image)")
        }
        #expect(!study.exists("report/quantization.md") && !study.exists("data/results/full"), "a quick run touched the full study")
        #expect(study.exists("data/results/quick/linreg/trials.jsonl"))

        // Every reference has its anchor.
        for reference in Set(markdown.matches(of: /\]\(#((figure|table)-\d+)\)/).map { String($0.1) }) {
            #expect(markdown.contains("<a id=\"\(reference)\"></a>"), "reference #\(reference) has no anchor")
        }
        // The appendix lists every section with its fingerprint and state.
        let appendix = try #require(markdown.components(separatedBy: "## Reproducing this report").last)
        let ids = try Binary.run(["sections", "--ids"]).stdout.split(separator: "\n")
        #expect(ids == ["formats", "matmul", "linreg", "vision", "encoder", "decoder"])
        for id in ids { #expect(appendix.contains("| \(id) "), "appendix lacks section \(id)") }
        #expect(appendix.contains("| fresh ") && appendix.contains("| missing "))
    }

    /// The report is a function of the stored results: a rebuild reruns nothing and gives the
    /// same bytes, whatever the previous invocation did.
    @Test func rebuildsFromTheSameResultsAreIdentical() throws {
        let shared = try SharedStudy.run.get()
        let study = try TemporaryStudy(copying: shared.study)
        defer { study.remove() }
        let second = try study.report(["--sections", SharedStudy.sections.joined(separator: ",")])
        #expect(second.status == 0)
        #expect(!second.stderr.contains(": rerun,"), "a fresh section was rerun: \(second.stderr)")
        #expect(try study.read("report/quick/quantization.md") == shared.markdown, "a rebuild with nothing rerun differs")
        #expect(try study.report(["--rerun", "none"]).status == 0)
        #expect(try study.read("report/quick/quantization.md") == shared.markdown)
    }

    @Test func changingTheSeedMakesSectionsStaleWithTheReason() throws {
        let study = try SharedStudy.run.get().study
        let sections = try study.quantlab(["sections", "--profile", "quick", "--seed", "7"])
        #expect(sections.stdout.contains("formats"))
        #expect(sections.stdout.contains("stale"), Comment(rawValue: sections.stdout))
        #expect(sections.stdout.contains("seed"), Comment(rawValue: sections.stdout))
        let full = try study.quantlab(["sections", "--profile", "full"])
        #expect(full.stdout.contains("missing") && !full.stdout.contains("fresh"), "each profile keeps its own results")
    }

    /// SIGKILL during a rerun leaves the previous report and results byte-identical, or (if the
    /// run got that far) a complete new set: never a mix.
    @Test func killedRunLeavesPreviousResultsAndReport() throws {
        let study = try TemporaryStudy(copying: try SharedStudy.run.get().study)
        defer { study.remove() }
        let before = (
            try study.read("report/quick/quantization.md"), try study.read("data/results/quick/formats/trials.jsonl"),
            try study.read("data/results/quick/formats/meta.json"))

        let process = Process()
        process.executableURL = Binary.url
        process.arguments = ["report", "--profile", "quick", "--seed", "99", "--root", study.root.path, "--threads", "1"]
        process.standardError = FileHandle.nullDevice
        try process.run()
        usleep(150_000)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()

        let trials = try study.read("data/results/quick/formats/trials.jsonl")
        let meta = try study.read("data/results/quick/formats/meta.json")
        let oldResults = trials == before.1 && meta == before.2
        let newResults = meta.contains("\"seed\" : 99") || meta.contains("\"seed\": 99")
        #expect(oldResults || newResults, "results are neither the old set nor a new one")
        let status = try study.quantlab(["sections", "--profile", "quick"])
        #expect(!status.stdout.contains("damaged"), Comment(rawValue: status.stdout))
        let markdown = try study.read("report/quick/quantization.md")
        #expect(markdown == before.0 || markdown.contains("seed 99"), "report is neither the old one nor a new one")
        #expect(try FileManager.default.contentsOfDirectory(atPath: study.root.appendingPathComponent("report/quick").path)
            .allSatisfy { !$0.hasPrefix(".") }, "a temporary file was left in report/quick/")
    }
}
