/// A value a chapter template can show: text, a styled number, a flag, a list or a record.
///
/// Numbers are formatted by their `NumberStyle` before Mustache sees them, so a template never
/// decides digits or units. Record keys use Mustache's name characters without the dot, which
/// is its path separator: letters, digits, `_` and `-`.
public indirect enum TemplateValue: Sendable, Equatable, ExpressibleByStringLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    /// Markdown text, inserted as is.
    case text(String)
    /// A number, written by its style (`3.52×`); NaN and ±∞ are errors when the report is built.
    case number(Double, NumberStyle)
    /// A condition for `{{#flag}}…{{/flag}}` and `{{^flag}}…{{/flag}}`; not printable.
    case flag(Bool)
    /// Items for a repeated section `{{#items}}…{{/items}}`; not printable.
    case list([TemplateValue])
    /// Named values, reached as `{{record.key}}` or inside `{{#record}}…{{/record}}`; the keys
    /// `figure`, `table`, `ref` and `cite` are reserved at every level.
    case record([String: TemplateValue])

    /// Text from a literal.
    public init(stringLiteral value: String) { self = .text(value) }
    /// A flag from a literal.
    public init(booleanLiteral value: Bool) { self = .flag(value) }
    /// A list from a literal.
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    /// A record from a literal; a repeated key keeps its last value.
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .record(Dictionary(elements) { _, second in second })
    }

    /// What the value is, for messages (`a list`).
    var kind: String {
        switch self {
        case .text: "text"
        case .number: "number"
        case .flag: "flag"
        case .list: "list"
        case .record: "record"
        }
    }

    /// The child named `key` of a record; nothing for other values (as Mustache finds none).
    func child(_ key: String) -> TemplateValue? {
        if case .record(let fields) = self { return fields[key] }
        return nil
    }

    /// The value as Mustache renders it: numbers become their text, lists arrays, records
    /// dictionaries.
    /// - Parameter location: The dotted path of this value (empty for the chapter's root record).
    /// - Throws: `ReportError.nonFiniteNumber` for a NaN or ±∞ number anywhere inside; records
    ///   are checked in key order, so the first bad value named is always the same one.
    func mustacheValue(location: String) throws -> Any {
        switch self {
        case .text(let text):
            return text
        case .number(let value, let style):
            guard value.isFinite else { throw ReportError.nonFiniteNumber(location: "context value \(location)", value: value) }
            return try style.format(value)
        case .flag(let flag):
            return flag
        case .list(let items):
            return try items.enumerated().map { index, item in
                try item.mustacheValue(location: "\(location)[\(index)]")
            }
        case .record(let fields):
            var result: [String: Any] = [:]
            for key in fields.keys.sorted() {
                precondition(Self.isValidKey(key), "template key \(key) must use letters, digits, _ and -")
                precondition(!Self.reservedKeys.contains(key), "\(key) is a reserved template name")
                result[key] = try fields[key]!.mustacheValue(location: location.isEmpty ? key : "\(location).\(key)")
            }
            return result
        }
    }

    /// Names the builder fills itself (placements and references); no record may use them.
    static let reservedKeys: Set<String> = ["figure", "table", "ref", "cite"]

    /// Whether `key` can be named in a Mustache tag as one path component.
    static func isValidKey(_ key: String) -> Bool {
        !key.isEmpty && key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
    }
}
