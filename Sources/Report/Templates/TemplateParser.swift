import Foundation

/// One placeholder or section of a chapter template, with the line it starts on.
enum TemplateNode: Sendable, Equatable {
    /// `{{name}}`, `{{{name}}}` or `{{&name}}`.
    case variable(name: String, line: Int)
    /// `{{#name}}…{{/name}}`, or `{{^name}}…{{/name}}` when `inverted`.
    case section(name: String, inverted: Bool, line: Int, body: [TemplateNode])
}

/// Reads the tags of a Mustache template (Mustache spec v1.4, default `{{ }}` delimiters) into a
/// tree of placeholders and sections, so they can be checked before Mustache renders them.
///
/// Mustache itself renders an unknown name as empty text and gives no positions; this reader keeps
/// the line of every tag. It accepts variables, triple-mustache, `&`, sections, inverted sections
/// and comments. It rejects what the report has no use for, so nothing renders silently empty:
/// partials (`>`), delimiter changes (`=`), pragmas (`%`), blocks (`$`, `<`) and transforms
/// (`name(fn)`).
enum TemplateParser {
    /// The tag tree of `text`.
    /// - Parameters:
    ///   - text: The template.
    ///   - file: The template's name for error messages.
    /// - Returns: Top-level nodes in order.
    /// - Throws: `ReportError.templateSyntax` with the line of an unclosed tag or section, a
    ///   mismatched close, a bad name or an unsupported tag.
    static func parse(_ text: String, file: String) throws -> [TemplateNode] {
        var scanner = Scanner(text: Array(text.unicodeScalars), file: file)
        var stack: [(name: String, inverted: Bool, line: Int, body: [TemplateNode])] = [("", false, 0, [])]
        while let tag = try scanner.nextTag() {
            switch tag.sigil {
            case "!":
                continue
            case "#", "^":
                try checkName(tag.name, file: file, line: tag.line)
                guard tag.name != "." else {
                    throw ReportError.templateSyntax(file: file, line: tag.line, message: "a section needs a name, not {{\(tag.sigil).}}")
                }
                stack.append((tag.name, tag.sigil == "^", tag.line, []))
            case "/":
                guard stack.count > 1 else {
                    throw ReportError.templateSyntax(file: file, line: tag.line, message: "{{/\(tag.name)}} closes no section")
                }
                let open = stack.removeLast()
                guard open.name == tag.name else {
                    throw ReportError.templateSyntax(
                        file: file, line: tag.line,
                        message: "{{/\(tag.name)}} does not match {{#\(open.name)}} opened on line \(open.line)")
                }
                stack[stack.count - 1].body.append(.section(name: open.name, inverted: open.inverted, line: open.line, body: open.body))
            case "", "{", "&":
                try checkName(tag.name, file: file, line: tag.line)
                stack[stack.count - 1].body.append(.variable(name: tag.name, line: tag.line))
            default:
                throw ReportError.templateSyntax(
                    file: file, line: tag.line,
                    message: "{{\(tag.sigil)…}} tags (partials, delimiters, pragmas, blocks) are not supported")
            }
        }
        if let open = stack.last, open.line > 0 {
            throw ReportError.templateSyntax(file: file, line: open.line, message: "section {{#\(open.name)}} is never closed")
        }
        return stack[0].body
    }

    /// Names are `.` or dot-separated parts of letters, digits, `_` and `-`.
    private static func checkName(_ name: String, file: String, line: Int) throws {
        if name == "." { return }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        let valid = !parts.isEmpty && parts.allSatisfy { TemplateValue.isValidKey(String($0)) }
        guard valid else {
            throw ReportError.templateSyntax(file: file, line: line, message: "bad placeholder name {{\(name)}}")
        }
    }

    /// A raw tag: its sigil (`#`, `^`, `/`, `!`, `{`, `&`, … or empty), trimmed name and line.
    private struct Tag {
        var sigil: String
        var name: String
        var line: Int
    }

    private struct Scanner {
        let text: [Unicode.Scalar]
        let file: String
        var position = 0
        var line = 1

        init(text: [Unicode.Scalar], file: String) {
            self.text = text
            self.file = file
        }

        /// The next tag, or `nil` at the end of the text.
        mutating func nextTag() throws -> Tag? {
            while position + 1 < text.count, !(text[position] == "{" && text[position + 1] == "{") {
                if text[position] == "\n" { line += 1 }
                position += 1
            }
            guard position + 1 < text.count else { return nil }
            let tagLine = line
            position += 2
            let sigil: String
            if position < text.count, "#^/!{&>=%$<".unicodeScalars.contains(text[position]) {
                sigil = String(text[position])
                position += 1
            } else {
                sigil = ""
            }
            let close = sigil == "{" ? "}}}" : "}}"
            guard let end = find(close) else {
                throw ReportError.templateSyntax(file: file, line: tagLine, message: "tag {{\(sigil)… is not closed")
            }
            let content = String(String.UnicodeScalarView(text[position..<end]))
            if sigil != "!", content.contains("\n") {
                throw ReportError.templateSyntax(file: file, line: tagLine, message: "tag {{\(sigil)… is not closed on its line")
            }
            line += content.unicodeScalars.filter { $0 == "\n" }.count
            position = end + close.unicodeScalars.count
            let name = content.trimmingCharacters(in: .whitespaces)
            return Tag(sigil: sigil, name: name, line: tagLine)
        }

        private func find(_ pattern: String) -> Int? {
            let scalars = Array(pattern.unicodeScalars)
            var index = position
            while index + scalars.count <= text.count {
                if text[index..<(index + scalars.count)].elementsEqual(scalars) { return index }
                index += 1
            }
            return nil
        }
    }
}
