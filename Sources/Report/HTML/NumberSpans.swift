/// Keeps each number of the page together with its unit and interval on one line.
///
/// A browser may break a line at a space or after a hyphen, so `9.5e-16`, `2.61 ms` and
/// `0.99 [0.984, 1.02]` could split across lines or table-cell lines. Every such run in the
/// page's text (outside tags, formulas, code and the head) is wrapped in
/// `<span class="nowrap">`; runs without a break opportunity are left as they are, so the page
/// grows only where it must.
enum NumberSpans {
    /// `html` with its breakable number runs wrapped.
    static func wrap(_ html: String) -> String {
        var result = ""
        result.reserveCapacity(html.utf8.count + html.utf8.count / 16)
        var skipDepth = 0
        var rest = html[...]
        while !rest.isEmpty {
            guard let tagStart = rest.firstIndex(of: "<") else {
                result += skipDepth == 0 ? wrapText(rest) : String(rest)
                break
            }
            let text = rest[..<tagStart]
            result += skipDepth == 0 ? wrapText(text) : String(text)
            guard let tagEnd = rest[tagStart...].firstIndex(of: ">") else {
                result += rest[tagStart...]
                break
            }
            let tag = rest[tagStart...tagEnd]
            let name = tag.dropFirst().prefix { $0.isLetter || $0 == "/" }
            if skipped.contains(String(name)) { skipDepth += 1 }
            if name.hasPrefix("/"), skipped.contains(String(name.dropFirst())) { skipDepth = max(0, skipDepth - 1) }
            result += tag
            rest = rest[rest.index(after: tagEnd)...]
        }
        return result
    }

    /// Elements whose text is left alone: formulas, code, the head and inlined charts.
    private static let skipped: Set<String> = ["math", "code", "pre", "head", "svg", "script", "style"]

    /// A number (`-3.1`, `4,096`, `9.5e-16`, `−0.2`), an optional unit after a space
    /// (`%`, `dB`, `ms`, `GB/s`, `GFLOP/s`, `bits/weight`) or an attached `×`, and an optional
    /// interval `[a, b]`; the character before it must not be part of a word (`W4A8` stays).
    private static var run: Regex<(Substring, lead: Substring, run: Substring)> { #/(?<lead>^|[^\p{L}\p{N}_.])(?<run>[-−+]?\d[\d,]*(?:\.\d+)?(?:e[-+]?\d+)?(?:×|(?: (?:%|dB|[nµmkMGTP]?(?:FLOP/s|OP/s|B/s|s|B)|bits/weight)(?![\p{L}\p{N}])))?(?: \[[^\]<\n]{1,48}\])?)/# }

    /// `text` with each breakable run wrapped.
    private static func wrapText(_ text: Substring) -> String {
        guard text.contains(where: \.isNumber) else { return String(text) }
        return String(text).replacing(run) { match in
            let lead = match.output.lead, number = match.output.run
            let breakable = number.contains(" ") || number.contains("e-") || number.contains("e+")
            return breakable ? "\(lead)<span class=\"nowrap\">\(number)</span>" : "\(lead)\(number)"
        }
    }
}
