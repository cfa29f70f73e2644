/// A strict RFC 8259 JSON parser into `JSONValue` that keeps `1` (`.int`) and `1.0` (`.double`) apart.
///
/// A number is an `.int` when its text has no `.`, `e` or `E` and fits in `Int`; otherwise a `.double`.
///
/// Arrays and objects nest at most `maximumDepth` deep: the parser recurses once per level, so a
/// file of 50,000 `[` would otherwise overflow the stack (found by `make fuzz`). A `\u` escape of
/// a UTF-16 high surrogate must be followed by one of a low surrogate (RFC 8259 §7); a lone
/// surrogate is an error, not a crash.
struct JSONParser {
    /// The deepest nesting of arrays and objects accepted; our records nest three levels.
    static let maximumDepth = 512

    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0

    /// Parses one complete JSON document; trailing non-space text is an error.
    static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        var parser = JSONParser(bytes: Array(text.utf8))
        let value = try parser.parseValue()
        parser.skipSpace()
        guard parser.index == parser.bytes.count else { throw parser.error("trailing characters") }
        return value
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private func error(_ what: String) -> JSONSyntaxError {
        JSONSyntaxError(offset: index, reason: what)
    }

    private mutating func skipSpace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    private mutating func expect(_ literal: String) throws(JSONSyntaxError) {
        for b in literal.utf8 {
            guard index < bytes.count, bytes[index] == b else { throw error("expected \(literal)") }
            index += 1
        }
    }

    private mutating func parseValue() throws(JSONSyntaxError) -> JSONValue {
        skipSpace()
        guard index < bytes.count else { throw error("unexpected end") }
        let byte = bytes[index]
        guard byte != UInt8(ascii: "[") && byte != UInt8(ascii: "{") else {
            guard depth < Self.maximumDepth else { throw error("arrays and objects nested deeper than \(Self.maximumDepth)") }
            depth += 1
            defer { depth -= 1 }
            return try parseContainer()
        }
        switch byte {
        case UInt8(ascii: "n"): try expect("null"); return .null
        case UInt8(ascii: "t"): try expect("true"); return .bool(true)
        case UInt8(ascii: "f"): try expect("false"); return .bool(false)
        case UInt8(ascii: "\""): return .string(try parseString())
        default:
            return try parseNumber()
        }
    }

    /// The array or object that starts at `index`.
    private mutating func parseContainer() throws(JSONSyntaxError) -> JSONValue {
        switch bytes[index] {
        case UInt8(ascii: "["):
            index += 1
            var items: [JSONValue] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
            while true {
                items.append(try parseValue())
                skipSpace()
                guard index < bytes.count else { throw error("unterminated array") }
                if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
                try expect(",")
            }
        case UInt8(ascii: "{"):
            index += 1
            var members: [String: JSONValue] = [:]
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
            while true {
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a key") }
                let key = try parseString()
                skipSpace()
                try expect(":")
                members[key] = try parseValue()
                skipSpace()
                guard index < bytes.count else { throw error("unterminated object") }
                if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
                try expect(",")
            }
        default:
            preconditionFailure("parseContainer is called at a [ or a {")
        }
    }

    private mutating func parseNumber() throws(JSONSyntaxError) -> JSONValue {
        let start = index
        var isInteger = true
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E") { isInteger = false }
            else if !(b == UInt8(ascii: "-") || b == UInt8(ascii: "+") || (b >= 0x30 && b <= 0x39)) { break }
            index += 1
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if isInteger, let i = Int(text) { return .int(i) }
        guard !text.isEmpty, let d = Double(text), d.isFinite else {
            index = start
            throw error("invalid value")
        }
        return .double(d)
    }

    private mutating func parseString() throws(JSONSyntaxError) -> String {
        index += 1  // opening quote
        var scalars = String.UnicodeScalarView()
        var raw: [UInt8] = []
        func flush() { scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars); raw.removeAll() }
        while index < bytes.count {
            let b = bytes[index]
            index += 1
            switch b {
            case UInt8(ascii: "\""):
                flush()
                return String(scalars)
            case UInt8(ascii: "\\"):
                flush()
                guard index < bytes.count else { throw error("unterminated escape") }
                let e = bytes[index]
                index += 1
                switch e {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    var code = try parseHex4()
                    if (0xD800..<0xDC00).contains(code) {
                        try expect("\\u")
                        let low = try parseHex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw error("unpaired surrogate in \\u escape") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw error("invalid \\u escape") }
                    scalars.append(scalar)
                default: throw error("invalid escape")
                }
            default:
                raw.append(b)
            }
        }
        throw error("unterminated string")
    }

    private mutating func parseHex4() throws(JSONSyntaxError) -> UInt32 {
        // Exactly four hex digits: `UInt32(_:radix:)` alone would also take a sign (`\u+041`).
        guard index + 4 <= bytes.count, bytes[index..<index + 4].allSatisfy({ Character(Unicode.Scalar($0)).isHexDigit }),
              let v = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
        else { throw error("invalid \\u escape") }
        index += 4
        return v
    }
}

/// A JSON text that does not parse, with the byte offset where parsing stopped.
public struct JSONSyntaxError: Error, CustomStringConvertible {
    /// The byte offset where parsing stopped.
    public let offset: Int
    /// What was expected there.
    public let reason: String
    public var description: String { "invalid JSON at byte \(offset): \(reason)" }
}

extension JSONValue {
    /// Parses a JSON document (RFC 8259), keeping integers and doubles apart.
    public init(parsing text: String) throws(JSONSyntaxError) {
        self = try JSONParser.parse(text)
    }
}
