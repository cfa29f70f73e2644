/// Figure and table numbers for the whole report, fixed by the order of placement tags.
///
/// Built before anything renders, by reading every filled chapter's top-level
/// `{{{figure.X}}}` / `{{{table.X}}}` tags in chapter order, so a reference may point forward
/// (`see Figure 7`) or into another chapter.
struct FloatNumbering: Sendable {
    /// Number of each placed label, per kind.
    private(set) var numbers: [FloatKind: [String: Int]] = [.figure: [:], .table: [:]]
    /// Where each label was placed first, for the "placed twice" message.
    private var placedAt: [FloatKind: [String: (file: String, line: Int)]] = [.figure: [:], .table: [:]]
    /// Which chapter declared each label, for the "declared twice" message.
    private var declaredBy: [FloatKind: [String: String]] = [.figure: [:], .table: [:]]

    /// The number of `label`, if it is placed.
    func number(_ kind: FloatKind, _ label: String) -> Int? { numbers[kind]![label] }

    /// Numbers the placements of one chapter, in order, and checks them against its declarations.
    /// - Parameters:
    ///   - nodes: The chapter template's tag tree.
    ///   - text: The template's text, to check that each placement has its line to itself (a
    ///     figure or table is a block: inside a paragraph it would break the paragraph).
    ///   - context: The chapter's context (its declared figures and tables).
    ///   - file: The template name for messages.
    /// - Throws: `ReportError` for a label declared by an earlier chapter, a placement inside a
    ///   section or sharing its line, an undeclared label, a label placed twice, or a declared
    ///   label never placed.
    mutating func add(_ nodes: [TemplateNode], text: String, context: ChapterContext, file: String) throws {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for kind in FloatKind.allCases {
            for label in context.labels(kind) {
                if let first = declaredBy[kind]![label] {
                    throw ReportError.duplicateLabel(file: file, name: "\(kind.rawValue).\(label)", firstFile: first)
                }
                declaredBy[kind]![label] = file
            }
        }
        try Self.rejectNestedPlacements(in: nodes.flatMap(\.sectionBodies), file: file)
        for case .variable(let name, let line) in nodes {
            guard let (kind, label) = try Self.placement(name, file: file, line: line) else { continue }
            let tag = lines[line - 1].filter { !$0.isWhitespace }
            guard ["{{{\(name)}}}", "{{\(name)}}", "{{&\(name)}}"].contains(tag) else {
                throw ReportError.templateSyntax(file: file, line: line, message: "put {{{\(name)}}} on a line of its own")
            }
            guard context.labels(kind).contains(label) else {
                throw ReportError.undeclaredFloat(file: file, line: line, name: name)
            }
            if let first = placedAt[kind]![label] {
                throw ReportError.placedTwice(file: file, line: line, name: name, firstFile: first.file, firstLine: first.line)
            }
            placedAt[kind]![label] = (file, line)
            numbers[kind]![label] = numbers[kind]!.count + 1
        }
        for kind in FloatKind.allCases {
            for label in context.labels(kind) where placedAt[kind]![label] == nil {
                throw ReportError.notPlaced(file: file, name: "\(kind.rawValue).\(label)")
            }
        }
    }

    /// The kind and label of a placement tag (`figure.matmul-error`), or `nil` for any other name.
    /// - Throws: `ReportError.templateSyntax` for `figure` or `table` without exactly one label.
    static func placement(_ name: String, file: String, line: Int) throws -> (FloatKind, String)? {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard let kind = FloatKind(rawValue: parts[0]) else { return nil }
        guard parts.count == 2 else {
            throw ReportError.templateSyntax(file: file, line: line, message: "write {{{\(kind.rawValue).LABEL}}}, not {{\(name)}}")
        }
        return (kind, parts[1])
    }

    private static func rejectNestedPlacements(in nodes: [TemplateNode], file: String) throws {
        for node in nodes {
            switch node {
            case .variable(let name, let line):
                if try placement(name, file: file, line: line) != nil {
                    throw ReportError.placementInSection(file: file, line: line, name: name)
                }
            case .section(_, _, _, let body):
                try rejectNestedPlacements(in: body, file: file)
            }
        }
    }
}

extension TemplateNode {
    /// The body of a section; nothing for a variable.
    var sectionBodies: [TemplateNode] {
        if case .section(_, _, _, let body) = self { return body }
        return []
    }
}
