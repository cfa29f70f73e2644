import ArgumentParser
import QuantCore

/// `quantlab formats`: the table of every number format.
struct FormatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "formats",
        abstract: "Table of every number format: bits, exponent/mantissa split, range, spacing, value count.",
        discussion: """
            Example:
              quantlab formats
            """)

    func run() throws {
        print(FormatTable.builtIn.text)
    }
}
