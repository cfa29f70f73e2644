import Foundation

/// Heading anchors as GitHub makes them, so the contents of the Markdown work on GitHub and in
/// our HTML, where pandoc's `gfm_auto_identifiers` makes the same anchors.
///
/// GitHub's rule (the `github-slugger` package): lowercase the heading text, drop every character
/// that is not a letter, digit, `_`, `-` or space, turn spaces into `-`; a repeated slug gets
/// `-1`, `-2`, … in document order.
struct HeadingSlugger {
    private var seen: [String: Int] = [:]

    /// The anchor of the next heading whose text is `title`.
    mutating func slug(_ title: String) -> String {
        let base = String(
            title.lowercased().compactMap { character -> Character? in
                if character == " " { return "-" }
                return character.isLetter || character.isNumber || character == "_" || character == "-" ? character : nil
            })
        var slug = base
        while seen[slug] != nil {
            seen[base]! += 1
            slug = "\(base)-\(seen[base]!)"
        }
        seen[slug] = 0
        return slug
    }

    /// The text of every ATX heading (`## Title`) of `markdown`, outside fenced code blocks, in
    /// order, without the `#` marks.
    static func headings(in markdown: String) -> [String] {
        var inFence = false
        var titles: [String] = []
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                inFence.toggle()
                continue
            }
            if !inFence, let title = headingTitle(line) { titles.append(title) }
        }
        return titles
    }

    /// The text of `line` if it is an ATX heading: 1 to 6 `#`, a space, the text, optional
    /// closing `#`s.
    static func headingTitle(_ line: Substring) -> String? {
        let marks = line.prefix { $0 == "#" }
        guard (1...6).contains(marks.count), line.dropFirst(marks.count).first == " " else { return nil }
        var text = line.dropFirst(marks.count)
        while text.last == "#" { text = text.dropLast() }
        return text.trimmingCharacters(in: .whitespaces)
    }
}
