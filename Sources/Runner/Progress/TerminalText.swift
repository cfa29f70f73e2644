/// Lines that fit a width of `width` characters: word wrapping and truncation for what the
/// runner and the CLI print on the terminal. Pure functions of the text and the width.
///
/// Widths count `Character`s (grapheme clusters), which is one column each for the text we
/// print (ASCII, `→`, `×`, `…`, `κ`); East Asian wide characters would count one too.
public enum TerminalText {
    /// `line` cut to `width` characters, its last shown character replaced by `…` when cut.
    ///
    /// ```
    /// truncated("matmul  [####]  3/9  int8 n=1000", width: 20) == "matmul  [####]  3/9…"
    /// ```
    public static func truncated(_ line: String, width: Int) -> String {
        guard line.count > width else { return line }
        guard width > 1 else { return String(line.prefix(max(width, 0))) }
        return String(line.prefix(width - 1)) + "…"
    }

    /// `text` broken at spaces into lines of at most `width` characters; lines after the first
    /// start with `indent` spaces. A word longer than a line is split across lines, after a `/`
    /// when one fits, so nothing is lost (a path or a checksum wider than the terminal). Runs of spaces between words are kept
    /// within a line and dropped at a break.
    ///
    /// - Returns: at least one line (`[""]` for empty text).
    /// - Complexity: O(n) in the length of `text`.
    public static func wrapped(_ text: String, width: Int, indent: Int = 0) -> [String] {
        let width = max(width, indent + 8)  // a usable line even on an absurdly narrow terminal
        let pad = String(repeating: " ", count: indent)
        // The first line keeps the text's own leading spaces (an indented list item).
        let lead = text.prefix { $0 == " " }
        var lines: [String] = []
        var line = String(lead)
        var lineLength = lead.count
        var hasWord = false
        var room: Int { width - (lines.isEmpty ? 0 : indent) }
        func flush() {
            while line.last == " " { line.removeLast() }
            lines.append((lines.isEmpty ? "" : pad) + line)
            line = ""
            lineLength = 0
            hasWord = false
        }
        for word in text.dropFirst(lead.count).split(separator: " ", omittingEmptySubsequences: false) {
            // An empty piece is one of several spaces in a row: kept as a space within a line.
            if hasWord, lineLength + 1 + word.count > room { flush() }
            if hasWord { line += " "; lineLength += 1 }
            var rest = Substring(word)
            while lineLength + rest.count > room {
                // Split a path after its last `/` that fits, else at the width.
                let fits = rest.prefix(room - lineLength)
                let take = fits.lastIndex(of: "/").map { fits.distance(from: fits.startIndex, to: $0) + 1 } ?? fits.count
                if take == 0 { flush(); continue }  // only leading spaces on the line: start afresh
                line += rest.prefix(take)
                lineLength += take
                rest = rest.dropFirst(take)
                flush()
            }
            line += rest
            lineLength += rest.count
            hasWord = hasWord || !rest.isEmpty || lineLength > 0
        }
        if !line.isEmpty || lines.isEmpty { flush() }
        return lines
    }
}
