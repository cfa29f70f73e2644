import Foundation

/// The `pandoc` executable (Debian's `pandoc` package, which `make deps` installs), run as a
/// subprocess with Foundation's `Process`. Every call into pandoc goes through this file.
///
/// Files, not pipes: the Markdown, the page template, pandoc's output and its stderr all sit in a
/// private temporary directory, so neither process can block on a full pipe; the directory is
/// removed afterwards. Nothing of the directory's path reaches the output, so the same input
/// gives the same bytes.
struct Pandoc: Sendable {
    /// The executable that runs.
    var executable: URL

    /// The first executable file named `pandoc` in the directories of `searchPath`.
    /// - Parameter searchPath: Directories separated by `:`, as in `PATH`; `nil` finds nothing.
    /// - Throws: `PandocError.notFound`.
    static func find(searchPath: String?) throws -> Pandoc {
        for directory in (searchPath ?? "").split(separator: ":") where !directory.isEmpty {
            let candidate = URL(fileURLWithPath: String(directory), isDirectory: true).appendingPathComponent("pandoc")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                FileManager.default.isExecutableFile(atPath: candidate.path)
            {
                return Pandoc(executable: candidate)
            }
        }
        throw PandocError.notFound
    }

    /// The pandoc on this process's `PATH`.
    /// - Throws: `PandocError.notFound`.
    static func fromEnvironment() throws -> Pandoc {
        try find(searchPath: ProcessInfo.processInfo.environment["PATH"])
    }

    /// Converts `markdown` with `arguments` through the pandoc template `template`.
    /// - Parameters:
    ///   - markdown: The input document.
    ///   - template: A pandoc template (`$body$`, `$toc$`, …); a literal `$` is written `$$`.
    ///   - arguments: Options other than input, output and template (`--from=gfm`, `--mathml`).
    /// - Returns: What pandoc wrote, as UTF-8 text.
    /// - Throws: `PandocError.io` when the files cannot be handled or pandoc cannot start;
    ///   `PandocError.failed` when it exits with a non-zero status.
    func run(markdown: String, template: String, arguments: [String]) throws -> String {
        let files = FileManager.default
        let directory = files.temporaryDirectory.appendingPathComponent("quantlab-pandoc-\(UUID().uuidString)", isDirectory: true)
        let input = directory.appendingPathComponent("input.md")
        let templateFile = directory.appendingPathComponent("template.html")
        let output = directory.appendingPathComponent("output.html")
        let errors = directory.appendingPathComponent("stderr.txt")
        do {
            try files.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(markdown.utf8).write(to: input)
            try Data(template.utf8).write(to: templateFile)
            try Data().write(to: errors)
        } catch {
            try? files.removeItem(at: directory)
            throw PandocError.io(path: directory.path, message: "cannot prepare pandoc's input (\(error.localizedDescription))")
        }
        defer { try? files.removeItem(at: directory) }

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments + ["--template=\(templateFile.path)", "--output=\(output.path)", input.path]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        do {
            let errorHandle = try FileHandle(forWritingTo: errors)
            defer { try? errorHandle.close() }
            process.standardError = errorHandle
            try process.run()
            process.waitUntilExit()
        } catch {
            throw PandocError.io(path: executable.path, message: "cannot run pandoc (\(error.localizedDescription)); run make deps")
        }

        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let text = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
            let firstLine = text.split(whereSeparator: \.isNewline).first { !$0.allSatisfy(\.isWhitespace) } ?? ""
            throw PandocError.failed(status: process.terminationStatus, message: String(firstLine))
        }
        do {
            return try String(contentsOf: output, encoding: .utf8)
        } catch {
            throw PandocError.io(path: output.path, message: "cannot read pandoc's output (\(error.localizedDescription))")
        }
    }
}
