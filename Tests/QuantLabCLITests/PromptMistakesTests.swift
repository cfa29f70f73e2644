import Foundation
import Testing

/// Issue 16, "Mistakes a user makes at the prompt": each mistake gets one line saying what is
/// wrong (with the nearest name when one is close) and the right exit status, end to end.
@Suite struct PromptMistakesTests {
    /// A mistyped argument list, the exit status it must give and its exact stderr.
    struct Mistake: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        let status: Int32
        let stderr: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let mistakes: [Mistake] = [
        Mistake(arguments: ["run", "linrg", "--profile", "quick"], status: 64,
                stderr: "Error: unknown section 'linrg'; known sections: formats, matmul, linreg, vision; did you mean linreg?\n"),
        // Nothing within two edits: no guess, the list alone.
        Mistake(arguments: ["run", "nosuch"], status: 64,
                stderr: "Error: unknown section 'nosuch'; known sections: formats, matmul, linreg, vision\n"),
        Mistake(arguments: ["raport"], status: 64, stderr: "Error: unknown command 'raport'; did you mean report?\n"),
        Mistake(arguments: ["xyzzy"], status: 64,
                stderr: "Error: unknown command 'xyzzy'; commands: run, sections, env, explain, formats, quantize, report, gallery\n"),
        Mistake(arguments: ["help", "quantise"], status: 64, stderr: "Error: no help topic 'quantise'; did you mean quantize?\n"),
        Mistake(arguments: ["run", "formats", "--seed", "-1"], status: 64,
                stderr: "Error: The value '-1' is invalid for '--seed <seed>': a seed is a non-negative integer, 0...18446744073709551615\n"),
        Mistake(arguments: ["sections", "--seed", "1.5"], status: 64,
                stderr: "Error: The value '1.5' is invalid for '--seed <seed>': a seed is a non-negative integer, 0...18446744073709551615\n"),
        // The profile is accepted in any case: the error that follows is the next check's.
        Mistake(arguments: ["run", "formats", "--profile", "Quick", "--threads", "0"], status: 64,
                stderr: "Error: --threads must be at least 1, got 0\n"),
    ]

    @Test(arguments: mistakes)
    func mistakeIsOneLineWithItsReason(_ m: Mistake) throws {
        let r = try Binary.run(m.arguments)
        #expect(r.status == m.status, "\(m.testDescription): status \(r.status)")
        #expect(r.stderr == m.stderr, "\(m.testDescription): \(r.stderr)")
        #expect(r.stdout.isEmpty, "\(m.testDescription): \(r.stdout)")
    }

    /// `help quantize` and `quantlab` alone still print help and exit 0.
    @Test func knownHelpTopicStillWorks() throws {
        let r = try Binary.run(["help", "quantize"])
        #expect(r.status == 0 && r.stdout.contains("USAGE: quantlab quantize"), Comment(rawValue: r.stdout + r.stderr))
        #expect(try Binary.run([]).status == 0)
    }

    @Test func versionPrintsTheVersionLine() throws {
        let r = try Binary.run(["--version"])
        #expect(r.status == 0)
        #expect(r.stdout == "quantlab 0.1.0\n", Comment(rawValue: r.stdout))
    }

    /// `--profile QUICK` and `--rerun NONE` are the same as their lower-case spelling.
    @Test func profileIsCaseInsensitive() throws {
        let r = try Binary.run(["sections", "--profile", "QUICK", "--ids"])
        #expect(r.status == 0, Comment(rawValue: r.stderr))
        #expect(r.stdout == "formats\nmatmul\nlinreg\nvision\n", Comment(rawValue: r.stdout))
    }
}
