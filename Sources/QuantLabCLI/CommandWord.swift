import ArgumentParser

/// The first word on the command line, checked before ArgumentParser sees it: an unknown
/// command (`raport`) or help topic (`help quantise`) is a usage error naming the nearest
/// command, where ArgumentParser would say "Unexpected argument" or print the top-level help
/// and exit 0.
enum CommandWord {
    /// Throws a `ValidationError` when `arguments` (without the program name) start with a
    /// word that names no command of `root`, or with `help` followed by such a word.
    static func check(_ arguments: [String], root: any ParsableCommand.Type) throws {
        let commands = root.configuration.subcommands.map { $0._commandName }
        guard let first = arguments.first, !first.hasPrefix("-") else { return }
        if first == "help" {
            guard let topic = arguments.dropFirst().first, !topic.hasPrefix("-"), !commands.contains(topic) else { return }
            throw ValidationError("no help topic '\(topic)'\(hint(for: topic, among: commands))")
        }
        guard !commands.contains(first) else { return }
        throw ValidationError("unknown command '\(first)'\(hint(for: first, among: commands))")
    }

    /// `; did you mean NAME?` for a near miss, else `; commands: …` listing them all.
    private static func hint(for word: String, among commands: [String]) -> String {
        let near = NearestName.hint(for: word, among: commands)
        return near.isEmpty ? "; commands: \(commands.joined(separator: ", "))" : near
    }
}
