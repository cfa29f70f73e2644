import Foundation

/// Where the fetched inputs live (`data/raw/` after `make data`), with checks that they are
/// there and checksums of what an experiment read.
///
/// Paths are joined as text: a relative root (the default, `data/raw`, relative to the current
/// directory, which is the package root under `make`) keeps error messages short, e.g.
/// `data/raw/mnist_5k.csv: missing; run make data`.
public struct DataPaths: Equatable, Sendable {
    /// The directory that holds the extracted files (and `archives/`).
    public let root: String

    /// Paths under `root`.
    /// - Parameter root: the raw-data directory; `data/raw` relative to the current directory
    ///   by default.
    public init(root: String = "data/raw") {
        self.root = root.hasSuffix("/") && root.count > 1 ? String(root.dropLast()) : root
    }

    /// Paths under `PACKAGE/data/raw`.
    public init(packageRoot: String) {
        self.init(root: DataPaths.join(packageRoot, "data/raw"))
    }

    /// The path of `name` under `root`, e.g. `data/raw/mnist_5k.csv`.
    public func file(_ name: String) -> String {
        DataPaths.join(root, name)
    }

    /// The path of a downloaded archive, `ROOT/archives/NAME`.
    public func archive(_ name: String) -> String {
        DataPaths.join(root, "archives/" + name)
    }

    /// Checks that every named file exists under `root`.
    /// - Throws: `DataFileError` for the first that does not: `ROOT/NAME: missing; run make data`.
    public func requireFiles(_ names: [String]) throws {
        for name in names { try DataFile.requireExists(file(name)) }
    }

    /// Checks that every file a manifest says to extract exists under `root`.
    /// - Throws: `DataFileError` naming the first missing file.
    public func requireExtracted(_ manifest: Manifest) throws {
        try requireFiles(manifest.entries.flatMap { $0.extractions.map(\.destination) })
    }

    /// Checks a downloaded archive against the manifest's SHA-256.
    /// - Throws: `DataFileError` "ROOT/archives/FILE: sha256 mismatch (expected …, got …);
    ///   run make data", or the missing-file error.
    public func verifyArchive(_ entry: ManifestEntry) throws {
        let path = archive(entry.file)
        let actual = try SHA256.hex(ofFile: path)
        guard actual == entry.sha256 else {
            throw DataFileError(
                file: path, problem: "sha256 mismatch (expected \(entry.sha256), got \(actual)); run make data")
        }
    }

    /// Checks each named file against the SHA-256 that `manifest` records for it as extracted,
    /// and returns the verified checksums: what a run reads is what `make data` extracted.
    ///
    /// Each file is hashed once; the returned checksum is the one that was compared, so a caller
    /// that fingerprints a run with it fingerprints exactly the bytes that were verified.
    /// - Parameters:
    ///   - names: file names relative to `root`, e.g. `autompg.csv`.
    ///   - manifest: the pins of `data/MANIFEST`.
    /// - Returns: one checksum per name, in the given order.
    /// - Throws: `DataFileError` for the first file that is missing, unreadable, has no
    ///   `extracted` line in the manifest, or differs: `ROOT/NAME: sha256 mismatch (expected
    ///   6ab76e375435…, got 0c1f3d2a9b8e…); the file was changed or damaged; run make data`.
    public func verifiedChecksums(of names: [String], against manifest: Manifest) throws -> [InputChecksum] {
        try names.map { name in
            let path = file(name)
            try DataFile.requireExists(path)
            guard let expected = manifest.sha256(ofExtracted: name) else {
                throw DataFileError(file: path, problem: "no sha256 recorded in data/MANIFEST; add its extracted line")
            }
            let actual = try SHA256.hex(ofFile: path)
            guard actual == expected else {
                throw DataFileError(
                    file: path,
                    problem: "sha256 mismatch (expected \(expected.prefix(12))…, got \(actual.prefix(12))…); "
                        + "the file was changed or damaged; run make data")
            }
            return InputChecksum(file: name, sha256: actual)
        }
    }

    /// SHA-256 of the named input files, for provenance: the results store records what each
    /// run read.
    /// - Parameter names: file names relative to `root`.
    /// - Returns: one checksum per name, in the given order.
    /// - Throws: `DataFileError` for a missing or unreadable file.
    public func checksums(of names: [String]) throws -> [InputChecksum] {
        try names.map { InputChecksum(file: $0, sha256: try SHA256.hex(ofFile: file($0))) }
    }

    /// The nearest directory at or above `path` that holds a `Package.swift`, e.g. the package
    /// root of a test file from `#filePath`.
    /// - Returns: nil when there is none up to `/`.
    public static func packageRoot(containing path: String) -> String? {
        var directory = URL(fileURLWithPath: path).standardizedFileURL
        while true {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                return directory.path
            }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path { return nil }
            directory = parent
        }
    }

    private static func join(_ directory: String, _ name: String) -> String {
        directory.isEmpty || directory == "." ? name : directory + (directory.hasSuffix("/") ? "" : "/") + name
    }
}
