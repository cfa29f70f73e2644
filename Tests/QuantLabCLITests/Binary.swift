import Foundation

/// Runs the release `quantlab` binary (`.build/release/quantlab`, which `make test` builds
/// before the tests): end-to-end runs of the study take seconds in a release build and more than
/// a minute in a debug one. Without a release build the debug binary beside the tests is used.
struct Binary {
    struct Output {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The package root: this file sits at Tests/QuantLabCLITests/.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let url: URL = {
        let release = packageRoot.appendingPathComponent(".build/release/quantlab")
        if FileManager.default.isExecutableFile(atPath: release.path) { return release }
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        // On Linux the tests run from `<build>/QuantLabPackageTests.xctest`, a file in `<build>`.
        if dir.lastPathComponent.hasSuffix(".xctest") { dir.deleteLastPathComponent() }
        return dir.appendingPathComponent("quantlab")
    }()

    static func run(_ arguments: [String]) throws -> Output {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }
}

/// A temporary workspace holding the real templates, MANIFEST, `Package.swift` and sources (for
/// fingerprints) and fetched inputs, with results, figures and report of its own.
struct TemporaryStudy {
    let root: URL

    /// An empty workspace.
    init() throws {
        let package = Binary.packageRoot
        root = FileManager.default.temporaryDirectory.appendingPathComponent("quantlab-study-\(UUID().uuidString)")
        let fm = FileManager.default
        try fm.createDirectory(at: root.appendingPathComponent("report"), withIntermediateDirectories: true)
        try fm.createDirectory(at: root.appendingPathComponent("data"), withIntermediateDirectories: true)
        try fm.copyItem(at: package.appendingPathComponent("report/src"), to: root.appendingPathComponent("report/src"))
        try fm.copyItem(at: package.appendingPathComponent("data/MANIFEST"), to: root.appendingPathComponent("data/MANIFEST"))
        try fm.copyItem(at: package.appendingPathComponent("Package.swift"), to: root.appendingPathComponent("Package.swift"))
        try fm.createSymbolicLink(at: root.appendingPathComponent("data/raw"), withDestinationURL: package.appendingPathComponent("data/raw"))
        try fm.createSymbolicLink(at: root.appendingPathComponent("Sources"), withDestinationURL: package.appendingPathComponent("Sources"))
    }

    /// A copy of `other`'s results, report and figures in a workspace of its own, for a test
    /// that changes them.
    init(copying other: TemporaryStudy) throws {
        try self.init()
        let fm = FileManager.default
        for folder in ["data/results", "figures"] where fm.fileExists(atPath: other.root.appendingPathComponent(folder).path) {
            try fm.copyItem(at: other.root.appendingPathComponent(folder), to: root.appendingPathComponent(folder))
        }
        try fm.removeItem(at: root.appendingPathComponent("report"))
        try fm.copyItem(at: other.root.appendingPathComponent("report"), to: root.appendingPathComponent("report"))
    }

    /// `quantlab ARGUMENTS --root <this workspace>`.
    func quantlab(_ arguments: [String]) throws -> Binary.Output {
        try Binary.run(arguments + ["--root", root.path])
    }

    /// `quantlab report --profile quick --threads 1` here, with `extra` arguments.
    func report(_ extra: [String] = []) throws -> Binary.Output {
        try quantlab(["report", "--profile", "quick", "--threads", "1"] + extra)
    }

    /// The text of a file of the workspace.
    func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    /// Whether a file of the workspace exists.
    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

/// The one end-to-end run the CLI tests share: `quantlab report --profile quick` in a fresh
/// workspace, run once, with its output and the report as it first came out. It runs the
/// sections that take about a second at one thread (`sections`); the others, whose quick
/// profiles train models for a minute each, are shown as not run yet, which is itself a state
/// the report must render. Every section's experiment has its own tests.
enum SharedStudy {
    struct Run {
        let study: TemporaryStudy
        let first: Binary.Output
        let markdown: String
    }

    /// The sections the shared run computes.
    static let sections = ["formats", "linreg"]

    static let run = Result { () throws -> Run in
        let study = try TemporaryStudy()
        let first = try study.report(["--sections", sections.joined(separator: ",")])
        return Run(study: study, first: first, markdown: (try? study.read("report/quick/quantization.md")) ?? "")
    }
}
