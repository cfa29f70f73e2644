import Foundation

/// The one Foundation JSON set-up of the store: pretty, keys sorted, slashes unescaped,
/// non-finite numbers as `"inf"`, `"-inf"`, `"nan"` (as in `JSONValue`).
enum PrettyJSON {
    /// Pretty JSON text of `value`, ending in a newline.
    /// - Precondition: `value` encodes (plain Codable structs of strings and numbers always do).
    static func text(of value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do { return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n" } catch {
            preconditionFailure("cannot encode \(type(of: value)): \(error)")
        }
    }

    /// Decodes what `text(of:)` wrote.
    static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(type, from: Data(text.utf8))
    }
}
