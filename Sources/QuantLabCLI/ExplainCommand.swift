import ArgumentParser
import QuantCore

/// `quantlab explain`: how one number is stored in each float format.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show how a number is stored: sign, exponent, mantissa bits, rounding error, neighbours.",
        discussion: """
            Rounds to nearest, ties to even. Without --format, every float format is shown.
            Put a negative number last, after `--` (options first).

            Example:
              quantlab explain 0.375 --format fp32
              quantlab explain --format bf16 -- -1e-3
            """)

    @Argument(help: "The number to explain (decimal, hex float like 0x1.8p-2, inf or nan).")
    var number: String

    @Option(help: "One float format (default: all of them).")
    var format: FloatFormatOption?

    func validate() throws {
        guard NumberText(number) != nil else {
            throw ValidationError("'\(number)' is not a number; write e.g. 0.375, -- -2.5, 1e-3, inf or nan")
        }
    }

    func run() throws {
        let parsed = NumberText(number)!
        // A number that overflowed or underflowed when parsed is not explained as if exact.
        if let notice = parsed.notice { print("note: \(notice)\n") }
        let value = parsed.value
        let formats = format.map { [$0.format] } ?? FloatFormat.all
        print(formats.map { FloatExplanation(value, in: $0).text }.joined(separator: "\n\n"))
    }
}

/// A float format named on the command line.
struct FloatFormatOption: ExpressibleByArgument {
    let format: FloatFormat

    init?(argument: String) {
        guard let format = FloatFormat.named(argument) else { return nil }
        self.format = format
    }

    static var allValueStrings: [String] { FloatFormat.all.map(\.name) }
}
