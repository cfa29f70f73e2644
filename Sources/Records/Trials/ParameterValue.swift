/// The value of one trial parameter: a string, an integer, a double or a flag.
///
/// Values order within a kind naturally (numbers numerically, strings by Unicode scalars,
/// `false < true`); across kinds, numbers come before strings before flags, so sorting a
/// mixed column is still deterministic. Integers and doubles compare numerically with each other.
public enum ParameterValue: Hashable, Sendable, Comparable, CustomStringConvertible {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)

    /// The text used in CSV cells and group labels: `12`, `0.5`, `true`, `fp16`.
    public var description: String {
        switch self {
        case .string(let s): s
        case .int(let i): String(i)
        case .double(let d): d.description
        case .bool(let b): b ? "true" : "false"
        }
    }

    /// The numeric value of an int or double parameter, else `nil`.
    public var numberValue: Double? {
        switch self {
        case .int(let i): Double(i)
        case .double(let d): d
        default: nil
        }
    }

    private var kindRank: Int {
        switch self {
        case .int, .double: 0
        case .string: 1
        case .bool: 2
        }
    }

    /// The order described above: within a kind naturally, numbers before strings before flags.
    public static func < (lhs: ParameterValue, rhs: ParameterValue) -> Bool {
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)): return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
        case (.bool(let a), .bool(let b)): return !a && b
        case (.int(let a), .int(let b)): return a < b
        default:
            if let a = lhs.numberValue, let b = rhs.numberValue { return a < b }
            return lhs.kindRank < rhs.kindRank
        }
    }

    var json: JSONValue {
        switch self {
        case .string(let s): .string(s)
        case .int(let i): .int(i)
        case .double(let d): .double(d)
        case .bool(let b): .bool(b)
        }
    }

    init?(json: JSONValue) {
        switch json {
        case .string(let s): self = .string(s)
        case .int(let i): self = .int(i)
        case .double(let d): self = .double(d)
        case .bool(let b): self = .bool(b)
        default: return nil
        }
    }
}

extension ParameterValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral
{
    /// A string parameter from a literal: `"int8"`.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An integer parameter from a literal: `64`.
    public init(integerLiteral value: Int) { self = .int(value) }
    /// A double parameter from a literal: `0.5`.
    public init(floatLiteral value: Double) { self = .double(value) }
    /// A flag parameter from a literal: `true`.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension ParameterValue {
    /// A string parameter holding the raw value of a typed value:
    /// `ParameterValue(MatmulSchema.Family.peak)` is `"peak"`.
    public init(_ value: some RawRepresentable<String>) { self = .string(value.rawValue) }
}
