/// Checks that every placeholder of a chapter template names something printable, before
/// Mustache renders it (Mustache would print an unknown name as empty text).
///
/// Names resolve as Mustache 2 (hummingbird-project/swift-mustache) resolves them: `.` is the
/// innermost value; `a.b.c` finds `a` in the innermost scope that has it, then follows `b` and `c`
/// strictly; `.a` looks only in the innermost scope. A section over a record pushes the record;
/// over a list it checks its body once per item (an empty list's body never renders, so it is not
/// checked); over text or a number it pushes that value (`{{.}}`); over a flag, and in an inverted
/// section, it keeps the scopes. `ref.figure.X` and `ref.table.X`
/// must name a placed label. Placement tags were checked by `FloatNumbering`.
struct TemplateValidator {
    /// The template name for messages.
    var file: String
    /// The report's figure and table numbers.
    var numbering: FloatNumbering
    /// The report's reference numbers.
    var citations: CitationNumbering

    /// Checks `nodes` against `values`.
    /// - Throws: The first `ReportError` in template order: `unknownPlaceholder`, `notPrintable`,
    ///   `unknownReference` or `templateSyntax` (a reserved name opening a section).
    func validate(_ nodes: [TemplateNode], values: [String: TemplateValue]) throws {
        try validate(nodes, scopes: [.record(values)], atTop: true)
    }

    private func validate(_ nodes: [TemplateNode], scopes: [TemplateValue], atTop: Bool) throws {
        for node in nodes {
            switch node {
            case .variable(let name, let line):
                if atTop, try FloatNumbering.placement(name, file: file, line: line) != nil { continue }
                if try checkReference(name, line: line) { continue }
                if try citations.citation(name, file: file, line: line) != nil { continue }
                guard let value = Self.resolve(name, in: scopes) else {
                    throw ReportError.unknownPlaceholder(file: file, line: line, name: name)
                }
                switch value {
                case .text, .number: break
                case .flag, .list, .record:
                    throw ReportError.notPrintable(file: file, line: line, name: name, kind: value.kind)
                }
            case .section(let name, let inverted, let line, let body):
                if Self.isReserved(name) {
                    throw ReportError.templateSyntax(file: file, line: line, message: "{{\(name)}} cannot open a section")
                }
                guard let value = Self.resolve(name, in: scopes) else {
                    throw ReportError.unknownPlaceholder(file: file, line: line, name: name)
                }
                switch (value, inverted) {
                case (.flag(false), false), (.flag(true), true):
                    // The body never renders, so its names need not resolve: a pros-and-cons
                    // rule whose evidence is missing may cite a figure no chapter placed.
                    continue
                case (.list(let items), false):
                    for item in items { try validate(body, scopes: scopes + [item], atTop: false) }
                case (.record, false), (.text, false), (.number, false):
                    try validate(body, scopes: scopes + [value], atTop: false)
                default:
                    try validate(body, scopes: scopes, atTop: false)
                }
            }
        }
    }

    /// Whether `name` is a reference; throws if it is one to an unknown label.
    private func checkReference(_ name: String, line: Int) throws -> Bool {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts[0] == "ref" else { return false }
        guard parts.count == 3, let kind = FloatKind(rawValue: parts[1]), numbering.number(kind, parts[2]) != nil else {
            throw ReportError.unknownReference(file: file, line: line, name: name)
        }
        return true
    }

    private static func isReserved(_ name: String) -> Bool {
        let first = name.prefix { $0 != "." }
        return first == "ref" || first == "cite" || FloatKind(rawValue: String(first)) != nil
    }

    /// The value `name` resolves to in `scopes` (outermost first), as Mustache resolves it.
    static func resolve(_ name: String, in scopes: [TemplateValue]) -> TemplateValue? {
        if name == "." { return scopes.last }
        let parts = name.split(separator: ".").map(String.init)
        func follow(_ value: TemplateValue, _ rest: ArraySlice<String>) -> TemplateValue? {
            guard let key = rest.first else { return value }
            return value.child(key).flatMap { follow($0, rest.dropFirst()) }
        }
        if name.hasPrefix(".") { return scopes.last.flatMap { follow($0, parts[...]) } }
        for scope in scopes.reversed() {
            if let found = scope.child(parts[0]) { return follow(found, parts.dropFirst()) }
        }
        return nil
    }
}
