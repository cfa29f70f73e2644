import Foundation
import Testing

/// End-to-end runs of `quantlab report` in a temporary workspace that holds the real templates,
/// MANIFEST, sources (for fingerprints) and fetched inputs, but its own results, figures and report.
@Suite(.serialized) struct ReportCommandTests {
    let root: URL

    init() throws {
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        root = FileManager.default.temporaryDirectory.appendingPathComponent("quantlab-report-\(UUID().uuidString)")
        let fm = FileManager.default
        try fm.createDirectory(at: root.appendingPathComponent("report"), withIntermediateDirectories: true)
        try fm.createDirectory(at: root.appendingPathComponent("data"), withIntermediateDirectories: true)
        try fm.copyItem(at: package.appendingPathComponent("report/src"), to: root.appendingPathComponent("report/src"))
        try fm.copyItem(at: package.appendingPathComponent("data/MANIFEST"), to: root.appendingPathComponent("data/MANIFEST"))
        try fm.createSymbolicLink(at: root.appendingPathComponent("data/raw"), withDestinationURL: package.appendingPathComponent("data/raw"))
        try fm.createSymbolicLink(at: root.appendingPathComponent("Sources"), withDestinationURL: package.appendingPathComponent("Sources"))
        try Data("// workspace marker\n".utf8).write(to: root.appendingPathComponent("Package.swift"))
    }

    func report(_ extra: [String] = []) throws -> Binary.Output {
        try Binary.run(["report", "--profile", "quick", "--root", root.path, "--threads", "1"] + extra)
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func reportIsCompleteThenReusedAndStable() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let first = try report()
        #expect(first.status == 0, "report failed: \(first.stderr)")
        let markdown = try read("report/quantization.md")
        let html = try read("report/quantization.html")
        #expect(html.contains("<svg"), "figures are inlined as SVG")
        #expect(!markdown.contains("{{"), "no placeholder is left")

        // Every image link resolves to a file, relative to report/.
        let images = markdown.matches(of: /\]\((\.\.\/figures\/[^)]+)\)/).map { String($0.1) }
        #expect(!images.isEmpty)
        for image in images {
            let path = root.appendingPathComponent("report").appendingPathComponent(image).standardizedFileURL.path
            #expect(FileManager.default.fileExists(atPath: path), "missing figure \(image)")
            let png = path.replacingOccurrences(of: ".svg", with: ".png")
            #expect(FileManager.default.fileExists(atPath: png), "missing PNG beside \(image)")
        }
        // Every reference has its anchor.
        for reference in Set(markdown.matches(of: /\]\(#((figure|table)-\d+)\)/).map { String($0.1) }) {
            #expect(markdown.contains("<a id=\"\(reference)\"></a>"), "reference #\(reference) has no anchor")
        }
        // The appendix lists every section with its fingerprint.
        let appendix = try #require(markdown.components(separatedBy: "## Reproducing this report").last)
        let sections = try Binary.run(["sections", "--profile", "quick", "--root", root.path])
        for line in sections.stdout.split(separator: "\n").dropFirst(2) {
            if let id = line.split(separator: " ").first { #expect(appendix.contains(String(id)), "appendix lacks section \(id)") }
        }

        // Nothing changed: every section is reused, and the Markdown is stable from then on.
        let second = try report()
        #expect(second.status == 0)
        #expect(!second.stderr.contains(": rerun,"), "a fresh section was rerun: \(second.stderr)")
        let reused = try read("report/quantization.md")
        #expect(try report().status == 0)
        #expect(try read("report/quantization.md") == reused, "a third report with nothing changed differs")
    }

    @Test func changingTheSeedMakesSectionsStaleWithTheReason() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try report().status == 0)
        let sections = try Binary.run(["sections", "--profile", "quick", "--seed", "7", "--root", root.path])
        #expect(sections.stdout.contains("formats"))
        #expect(sections.stdout.contains("stale"), Comment(rawValue: sections.stdout))
        #expect(sections.stdout.contains("seed"), Comment(rawValue: sections.stdout))
    }

    /// SIGKILL during a rerun leaves the previous report and results byte-identical, or (if the
    /// run got that far) a complete new set: never a mix.
    @Test func killedRunLeavesPreviousResultsAndReport() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try report().status == 0)
        let before = (try read("report/quantization.md"), try read("data/results/formats/trials.jsonl"), try read("data/results/formats/meta.json"))

        let process = Process()
        process.executableURL = Binary.url
        process.arguments = ["report", "--profile", "quick", "--seed", "99", "--root", root.path, "--threads", "1"]
        process.standardError = FileHandle.nullDevice
        try process.run()
        usleep(150_000)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()

        let trials = try read("data/results/formats/trials.jsonl")
        let meta = try read("data/results/formats/meta.json")
        let oldResults = trials == before.1 && meta == before.2
        let newResults = meta.contains("\"seed\" : 99") || meta.contains("\"seed\": 99")
        #expect(oldResults || newResults, "results are neither the old set nor a new one")
        let status = try Binary.run(["sections", "--profile", "quick", "--root", root.path])
        #expect(!status.stdout.contains("damaged"), Comment(rawValue: status.stdout))
        let markdown = try read("report/quantization.md")
        #expect(markdown == before.0 || markdown.contains("seed 99"), "report is neither the old one nor a new one")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("report").path)
            .allSatisfy { !$0.hasPrefix(".") }, "a temporary file was left in report/")
    }
}
