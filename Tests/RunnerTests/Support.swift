import Foundation
import Synchronization
import Tensor
@testable import Records
@testable import Runner

/// A small real experiment: sums of seeded standard normals, timed.
struct NormalSums: Experiment {
    struct Parameters: Codable, Sendable {
        var counts: [Int]
        var repeats: Int
        var scale: Double
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String { "normalsums: simulated failure" }
    }

    var id = "normalsums"
    var counts = [10, 100]
    var fails = false
    var inputs = ["input.txt"]
    var sourceFolder = "NormalSums"

    func parameters(for profile: Profile) -> Parameters {
        Parameters(counts: profile == .quick ? counts : counts + [1000], repeats: 2, scale: 1.0)
    }

    func run(_ parameters: Parameters, context: ExperimentContext) throws -> [TrialRecord] {
        if fails { throw Failure() }
        _ = try String(contentsOfFile: context.dataPaths.file("input.txt"), encoding: .utf8)
        context.progress.start(total: parameters.counts.count * parameters.repeats)
        var records: [TrialRecord] = []
        for n in parameters.counts {
            for r in 0..<parameters.repeats {
                var rng = context.generator(stream: UInt64(n * 100 + r))
                let (sum, seconds) = context.timed { (0..<n).reduce(0.0) { acc, _ in acc + rng.nextNormal() } }
                records.append(TrialRecord(
                    parameters: ["n": .int(n), "repeat": .int(r), "scale": .double(parameters.scale)],
                    measurements: [
                        "sum": Measurement(sum * parameters.scale),
                        "mean": Measurement(sum / Double(n)),
                        "time": .timing(seconds * 1000, unit: "ms"),
                    ]))
                context.progress.advance()
            }
        }
        return records
    }
}

/// A throw-away package folder with a `Package.swift`, `Sources/NormalSums/` and
/// `data/raw/input.txt`, removed on deinit.
final class TemporaryWorkspace {
    let workspace: Workspace
    var root: URL { workspace.root }

    init() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("quantlab-results-\(UUID().uuidString)")
        workspace = Workspace(root: root)
        try FileManager.default.createDirectory(
            at: workspace.sourcesDirectory.appendingPathComponent("NormalSums"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            at: workspace.dataDirectory.appendingPathComponent("raw"), withIntermediateDirectories: true)
        try write("Sources/NormalSums/NormalSums.swift", "// version 1\n")
        try write("Package.swift", "targets: [.target(name: \"NormalSums\")]\n")
        try write("data/raw/input.txt", "input 1\n")
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    func write(_ relative: String, _ text: String) throws {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: root.appendingPathComponent(relative), atomically: true, encoding: .utf8)
    }

    func read(_ relative: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
    }

    func exists(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent(relative).path)
    }

    func runner(profile: Profile = .quick, seed: UInt64 = 7, output: ProgressOutput = .silent) -> SectionRunner {
        SectionRunner(workspace: workspace, profile: profile, seed: seed, threads: 1, output: output)
    }
}

/// Collects what a `ProgressOutput` writes, with a clock the test moves.
final class RecordingOutput: Sendable {
    private let state = Mutex<(time: Double, lines: [String])>((0, []))

    func output(isTerminal: Bool, width: Int = 200) -> ProgressOutput {
        ProgressOutput(isTerminal: isTerminal, interval: 5, width: width, now: { self.state.withLock { $0.time } }) { text in
            self.state.withLock { $0.lines.append(text) }
        }
    }

    func advance(to time: Double) { state.withLock { $0.time = time } }
    var lines: [String] { state.withLock { $0.lines } }
}
