/// A JSON value that keeps integers and floating-point numbers apart, with a canonical writer.
///
/// Foundation prints the shortest round-trip number too, but cannot keep the two kinds apart:
/// `JSONEncoder` writes `1.0` as `1`, and `JSONDecoder` reads `2.0` into an `Int` (both checked
/// with Swift 6.3's Foundation), so a parameter recorded as a `Double` would come back as an `Int`
/// and no longer match its filter. Trial records are written and read through this type instead
/// (`meta.json`, which has no such values, goes through Foundation's encoder): integers
/// are written without a point, doubles with Swift's shortest round-trip form (`1.0`, `1e-07`),
/// and object keys in sorted (UTF-8 byte) order, so the same value always gives the same bytes.
///
/// Non-finite doubles have no JSON form (RFC 8259); they are written as the strings `"inf"`,
/// `"-inf"` and `"nan"`, which `Measurement` reads back as numbers.
public enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The canonical one-line text: sorted keys, no spaces, `/` unescaped.
    public var serialized: String {
        var out = ""
        write(to: &out)
        return out
    }

    private func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d):
            if d.isNaN { out += "\"nan\"" }
            else if d.isInfinite { out += d < 0 ? "\"-inf\"" : "\"inf\"" }
            else { out += d.description }
        case .string(let s): JSONValue.writeString(s, to: &out)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, key) in members.keys.sorted().enumerated() {
                if i > 0 { out += "," }
                JSONValue.writeString(key, to: &out)
                out += ":"
                members[key]!.write(to: &out)
            }
            out += "}"
        }
    }

    private static func writeString(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    /// The number this value holds: an int or double, or one of the strings `inf`, `-inf`, `nan`.
    public var numberValue: Double? {
        switch self {
        case .int(let i): Double(i)
        case .double(let d): d
        case .string("inf"): .infinity
        case .string("-inf"): -.infinity
        case .string("nan"): .nan
        default: nil
        }
    }
}

extension JSONValue: Codable {
    /// Decodes through Foundation's decoder; an integral number becomes `.int` (the lossy path,
    /// used only for `meta.json`, whose parameters are compared by value, see `sameValue`).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int.self) { self = .int(i) }
        else if let d = try? c.decode(Double.self) { self = .double(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .int(let i): try c.encode(i)
        case .double(let d): try c.encode(d)
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }

    /// Equality that treats `.int(1)` and `.double(1.0)` as the same number, recursively.
    public func sameValue(as other: JSONValue) -> Bool {
        switch (self, other) {
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.sameValue(as: $1) }
        case (.object(let a), .object(let b)):
            return a.keys.sorted() == b.keys.sorted() && a.allSatisfy { b[$0.key]!.sameValue(as: $0.value) }
        case (.int, .double), (.double, .int), (.double, .double):
            let x = numberValue!, y = other.numberValue!
            return x == y || (x.isNaN && y.isNaN)
        default:
            return self == other
        }
    }
}
