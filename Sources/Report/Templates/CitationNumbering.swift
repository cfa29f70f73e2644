/// Reference numbers for the whole report, fixed by the order of first citation.
///
/// Built before anything renders, from every filled chapter's `{{cite.KEY}}` tags in chapter
/// and template order (inside sections too), so `[1]` is the first work the reader meets.
struct CitationNumbering: Sendable {
    /// The references that may be cited, by key.
    private let known: [String: Reference]
    /// Keys in order of first citation.
    private(set) var order: [String] = []

    /// Numbering over `references`.
    init(references: [Reference]) {
        var known: [String: Reference] = [:]
        for reference in references {
            precondition(known[reference.key] == nil, "reference \(reference.key) is defined twice")
            known[reference.key] = reference
        }
        self.known = known
    }

    /// The number of `key`, if it is cited.
    func number(_ key: String) -> Int? { order.firstIndex(of: key).map { $0 + 1 } }

    /// The key of a citation tag (`cite.qlora`), or `nil` for any other name.
    /// - Throws: `ReportError.unknownCitation` for `cite` without exactly one key, or an undefined key.
    func citation(_ name: String, file: String, line: Int) throws -> String? {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts[0] == "cite" else { return nil }
        guard parts.count == 2, known[parts[1]] != nil else {
            throw ReportError.unknownCitation(file: file, line: line, name: name)
        }
        return parts[1]
    }

    /// Numbers the citations of one chapter template, in order.
    mutating func add(_ nodes: [TemplateNode], file: String) throws {
        for node in nodes {
            switch node {
            case .variable(let name, let line):
                if let key = try citation(name, file: file, line: line), !order.contains(key) { order.append(key) }
            case .section(_, _, _, let body):
                try add(body, file: file)
            }
        }
    }

    /// `[[3]](#ref-qlora)` for each cited key.
    var links: [String: String] {
        Dictionary(uniqueKeysWithValues: order.enumerated().map { index, key in
            (key, "[[\(index + 1)]](#\(known[key]!.anchor))")
        })
    }

    /// The reference list, numbered in citation order, or `nil` when nothing is cited.
    /// Each entry carries its anchor, so a citation link lands on it.
    func markdown() -> String? {
        guard !order.isEmpty else { return nil }
        let items = order.enumerated().map { index, key in
            let reference = known[key]!
            return "\(index + 1). <a id=\"\(reference.anchor)\"></a>\(reference.entry)"
        }
        return "## \(Self.title)\n\n" + items.joined(separator: "\n")
    }

    /// The heading of the reference list.
    static let title = "References"
}
