public import Foundation

/// The git commit a run was made from and whether the working tree had uncommitted changes.
public struct GitInfo: Codable, Equatable, Sendable {
    /// The full commit id, or `unknown` when there is no git or no repository.
    public var commit: String
    /// Whether tracked or untracked files differ from the commit, generated outputs excluded.
    public var dirty: Bool

    /// A record from known values.
    public init(commit: String, dirty: Bool) {
        self.commit = commit
        self.dirty = dirty
    }

    /// Paths a run itself writes; changes there do not make the tree dirty.
    public static let generatedPaths = ["data/results", "figures", "report/quantization.md", "report/quantization.html"]

    /// The state of the repository at `root`, found by running `git` from `PATH`.
    public static func current(at root: URL, ignoring generated: [String] = generatedPaths) -> GitInfo {
        guard let commit = git(["rev-parse", "HEAD"], at: root)?.trimmingCharacters(in: .whitespacesAndNewlines),
              !commit.isEmpty
        else { return GitInfo(commit: "unknown", dirty: false) }
        let status = git(["status", "--porcelain", "--", "."] + generated.map { ":(exclude)\($0)" }, at: root) ?? ""
        return GitInfo(commit: commit, dirty: !status.isEmpty)
    }

    private static func git(_ arguments: [String], at root: URL) -> String? {
        guard let executable = findExecutable("git") else { return nil }
        let process = Process()
        process.executableURL = executable
        process.arguments = ["-C", root.path] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    private static func findExecutable(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for directory in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}
