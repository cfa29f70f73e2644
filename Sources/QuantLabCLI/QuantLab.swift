import ArgumentParser

/// The `quantlab` command: parses and validates, then calls library code.
@main
struct QuantLab: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quantlab",
        abstract: "A reproducible research report on neural-network quantization.",
        subcommands: [
            Run.self, Sections.self, Env.self,
            ExplainCommand.self, FormatsCommand.self, QuantizeCommand.self,
        ])
}
