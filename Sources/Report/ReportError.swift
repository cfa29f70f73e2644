/// Why a report could not be built: a template, a value or a file that is wrong.
///
/// Every case prints as one line that names the file (or value) and what is wrong, so the CLI can
/// show it as is. Template locations are `file:line`, with lines counted from 1.
public enum ReportError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A number that cannot be shown (NaN or ±∞); `location` names the value.
    case nonFiniteNumber(location: String, value: Double)
    /// A template that Mustache (or our stricter reading of it) cannot parse.
    case templateSyntax(file: String, line: Int, message: String)
    /// A placeholder whose name resolves to nothing in the chapter's context.
    case unknownPlaceholder(file: String, line: Int, name: String)
    /// A placeholder that resolves, but to something that cannot be printed (a list or a record).
    case notPrintable(file: String, line: Int, name: String, kind: String)
    /// A `ref.figure.X` / `ref.table.X` whose label no chapter places.
    case unknownReference(file: String, line: Int, name: String)
    /// A `figure.X` / `table.X` placement whose label the chapter does not declare.
    case undeclaredFloat(file: String, line: Int, name: String)
    /// The same figure or table placed a second time.
    case placedTwice(file: String, line: Int, name: String, firstFile: String, firstLine: Int)
    /// A figure or table placed inside a section, where it might render zero or many times.
    case placementInSection(file: String, line: Int, name: String)
    /// A figure or table a chapter declares but its template never places.
    case notPlaced(file: String, name: String)
    /// Two chapters declare the same figure or table label.
    case duplicateLabel(file: String, name: String, firstFile: String)
    /// A template file without a chapter, or a chapter without a template file.
    case chapterMismatch(file: String, message: String)
    /// A chapter whose rendered text does not open with a `## ` heading (needed for the contents).
    case missingHeading(file: String)
    /// A file that could not be read or written.
    case io(path: String, message: String)
    /// `{{cite.KEY}}` names a work that `References.all` does not define.
    case unknownCitation(file: String, line: Int, name: String)
    /// A link `](#anchor)` in the document whose anchor no heading or `<a id>` defines.
    case brokenLink(anchor: String)

    /// The one-line message.
    public var description: String {
        switch self {
        case .nonFiniteNumber(let location, let value):
            return "\(location) is \(value); fix the analysis that produced it"
        case .templateSyntax(let file, let line, let message):
            return "\(file):\(line): \(message)"
        case .unknownPlaceholder(let file, let line, let name):
            return "\(file):\(line): unknown placeholder {{\(name)}}; add it to the chapter's context or fix the name"
        case .notPrintable(let file, let line, let name, let kind):
            return "\(file):\(line): placeholder {{\(name)}} is a \(kind); use a section {{#\(name)}}…{{/\(name)}}"
        case .unknownReference(let file, let line, let name):
            return "\(file):\(line): unknown reference {{\(name)}}; no chapter places that label"
        case .undeclaredFloat(let file, let line, let name):
            return "\(file):\(line): {{{\(name)}}} is not declared in the chapter's context"
        case .placedTwice(let file, let line, let name, let firstFile, let firstLine):
            return "\(file):\(line): {{{\(name)}}} is placed twice (first at \(firstFile):\(firstLine))"
        case .placementInSection(let file, let line, let name):
            return "\(file):\(line): {{{\(name)}}} is inside a section; place figures and tables at the top level"
        case .notPlaced(let file, let name):
            return "\(file): \(name) is declared but never placed; add {{{\(name)}}} to the template"
        case .duplicateLabel(let file, let name, let firstFile):
            return "\(file): \(name) is already declared by \(firstFile); labels must be unique in the report"
        case .chapterMismatch(let file, let message):
            return "\(file): \(message)"
        case .missingHeading(let file):
            return "\(file): a chapter must open with a level-2 heading (## Title)"
        case .io(let path, let message):
            return "\(path): \(message)"
        case .unknownCitation(let file, let line, let name):
            return "\(file):\(line): unknown citation {{\(name)}}; define the work in References.swift or fix the key"
        case .brokenLink(let anchor):
            return "the report links to #\(anchor), which no heading or anchor defines; fix the link in the preamble or template"
        }
    }
}
