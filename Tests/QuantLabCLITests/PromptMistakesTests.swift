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
                stderr: "Error: unknown section 'linrg'; known sections: formats, matmul, linreg, vision, encoder, decoder; did you mean linreg?\n"),
        // Nothing within two edits: no guess, the list alone.
        Mistake(arguments: ["run", "nosuch"], status: 64,
                stderr: "Error: unknown section 'nosuch'; known sections: formats, matmul, linreg, vision, encoder, decoder\n"),
        Mistake(arguments: ["raport"], status: 64, stderr: "Error: unknown command 'raport'; did you mean report?\n"),
        Mistake(arguments: ["xyzzy"], status: 64,
                stderr: "Error: unknown command 'xyzzy'; commands: run, sections, env, explain, formats, quantize, report, gallery, embed\n"),
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
        #expect(r.stdout == "formats\nmatmul\nlinreg\nvision\nencoder\ndecoder\n", Comment(rawValue: r.stdout))
    }

    /// No example in `help quantize` writes its output over its input.
    @Test func quantizeExamplesKeepTheirInput() throws {
        let r = try Binary.run(["help", "quantize"])
        let examples = r.stdout.split(separator: "\n").filter { $0.drop(while: { $0 == " " }).hasPrefix("quantlab quantize --") }
        #expect(examples.count == 3, Comment(rawValue: r.stdout))
        for example in examples {
            let words = example.split(separator: " ").map(String.init)
            let input = words.firstIndex(of: "--input").map { words[$0 + 1] }
            let output = words.firstIndex(of: "--output").map { words[$0 + 1] }
            #expect(input != nil && output != nil && input != output, "\(example)")
        }
    }

    /// Format, scheme, granularity and calibration names are accepted in any case; the
    /// terminal shows SQNR to 4 significant digits while the sidecar keeps every digit.
    @Test func quantizeNamesAnyCaseAndRoundedSQNR() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("quantlab-prompt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("w.npy")
        try npyBytes(shape: [6], values: [0.1, 0.2, 0.3, 0.7, -0.5, 1.0]).write(to: input)
        let output = dir.appendingPathComponent("q.npy").path
        let sidecar = dir.appendingPathComponent("q.json").path

        let r = try Binary.run(["quantize", "--input", input.path, "--output", output, "--format", "INT4",
                                "--scheme", "Symmetric", "--granularity", "Tensor", "--calibration", "MinMax"])
        #expect(r.status == 0, Comment(rawValue: r.stderr))
        #expect(r.stdout == "\(output): int4, 1 group(s), SQNR 22.48 dB; sidecar \(sidecar)\n", Comment(rawValue: r.stdout))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: sidecar))) as? [String: Any]
        let sqnr = try #require((json?["metrics"] as? [String: Any])?["sqnr_db"] as? Double)
        // Full precision in the file: the value, not its 4-digit rounding (22.4835… for this input).
        #expect(abs(sqnr - 22.4835) < 1e-4 && sqnr != 22.48, "\(sqnr)")

        let explain = try Binary.run(["explain", "0.375", "--format", "FP32"])
        #expect(explain.status == 0 && explain.stdout.hasPrefix("FP32"), Comment(rawValue: explain.stdout + explain.stderr))
    }
}
