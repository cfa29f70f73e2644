import ArgumentParser

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `quantlab` command: parses and validates, then calls library code.
@main
struct QuantLab: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quantlab",
        abstract: "A reproducible research report on neural-network quantization.",
        version: version,
        subcommands: [
            Run.self, Sections.self, Env.self,
            ExplainCommand.self, FormatsCommand.self, QuantizeCommand.self,
            ReportCommand.self, GalleryCommand.self, EmbedCommand.self,
        ])

    /// The line `quantlab --version` prints; the one place the version is written.
    static let version = "quantlab 0.1.0"

    /// Runs the command; a failure prints ONE line (`Error: …`) on stderr and exits non-zero
    /// (64 for a usage error, 1 for a failure at run time). ArgumentParser's own handler would
    /// follow a usage error with the usage block; `--help` and `--version` keep their output.
    static func main() {
        do {
            try CommandWord.check(Array(CommandLine.arguments.dropFirst()), root: self)
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            guard code != .success else { exit(withError: error) }
            let text = message(for: error)
                .split(whereSeparator: \.isNewline)
                .map { $0.trimmingPrefix(while: \.isWhitespace) }
                .filter { !$0.isEmpty && !$0.hasPrefix("Help:") }
                .joined(separator: " ")
            // An error without text (a bare exit code) adds no empty `Error: ` line: the
            // command's own last line already said what happened.
            if text.isEmpty { Glibc.exit(code.rawValue) }
            let line = Array("Error: \(text)\n".utf8)
            _ = line.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
            Glibc.exit(code.rawValue)
        }
    }
}

extension Substring {
    fileprivate func trimmingPrefix(while predicate: (Character) -> Bool) -> Substring {
        drop(while: predicate)
    }
}
