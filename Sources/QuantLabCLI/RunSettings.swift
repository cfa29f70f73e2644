import ArgumentParser
import Foundation
import Records
import Runner

/// Options shared by every command that runs or judges sections.
struct RunSettings: ParsableArguments {
    @Option(help: "Run size: quick (CI, seconds) or full (the real report); each keeps its own results (default: full).")
    var profile: Profile?

    var resolvedProfile: Profile { profile ?? .default }

    // `.unconditional` and a transform: `--seed -1` is a value to refuse with a reason, not a
    // missing one.
    @Option(parsing: .unconditional, help: "Seed fixing every non-timing number, a non-negative integer (default \(RunDefaults.seed)).",
            transform: RunSettings.parseSeed)
    var seed: UInt64?

    @Option(parsing: .unconditional, help: "Threads for oneDNN and OpenBLAS, 1 up to the available processors (default: all of them).")
    var threads: Int?

    @Option(help: "Package root holding data/ and Sources/, an existing folder (default: nearest folder with Package.swift).")
    var root: String?

    var workspace: Workspace {
        root.map { Workspace(root: URL(fileURLWithPath: $0)) } ?? .current()
    }

    var resolvedSeed: UInt64 { seed ?? RunDefaults.seed }

    /// The seed written as `text`: a decimal integer in 0...UInt64.max.
    /// - Throws: `ValidationError` naming what a seed is, for `-1`, `1.5` or `x`.
    static func parseSeed(_ text: String) throws -> UInt64 {
        guard let seed = UInt64(text) else {
            throw ValidationError("a seed is a non-negative integer, 0...\(UInt64.max)")
        }
        return seed
    }

    var resolvedThreads: Int { threads ?? ThreadCount.available }

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
        if let threads, threads > ThreadCount.available {
            throw ValidationError("--threads \(threads) is more than the \(ThreadCount.available) processors available; use 1...\(ThreadCount.available)")
        }
        if let root {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ValidationError("--root \(root) is not an existing folder; give the package root (the folder holding Package.swift)")
            }
        }
    }

    /// Requires that `--root`, when given, is a project root (holds `Package.swift`): commands
    /// that write results or a report never create a folder tree somewhere else.
    func requireProjectRoot() throws {
        guard let root else { return }
        guard FileManager.default.fileExists(atPath: (root as NSString).appendingPathComponent("Package.swift")) else {
            throw ValidationError("--root \(root) is not a QuantLab project root (no Package.swift there)")
        }
    }

    /// A runner for these settings on `threads` threads, judging and running `profile` (the
    /// chosen one by default).
    func runner(
        threads: Int, profile: Profile? = nil, waitForLock: Bool = false, output: ProgressOutput = .standardError
    ) -> SectionRunner {
        SectionRunner(
            workspace: workspace, profile: profile ?? resolvedProfile, seed: resolvedSeed, threads: threads,
            waitForLock: waitForLock, output: output)
    }

    /// `profile full, seed 20261123 (default)`.
    var banner: String { banner(resolvedProfile) }

    /// The banner of `profile` with these settings' seed.
    func banner(_ profile: Profile) -> String {
        "profile \(profile), seed \(resolvedSeed)\(seed == nil ? " (default)" : "")"
    }
}
