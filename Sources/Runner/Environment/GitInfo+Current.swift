public import Foundation
public import Records

extension GitInfo {
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
