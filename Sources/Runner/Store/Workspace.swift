public import Datasets
public import Foundation
public import Records

/// Where a run reads and writes: the package root, its data and results folders, its sources.
public struct Workspace: Sendable {
    /// The package root (the folder holding `Package.swift`), or the folder given.
    public let root: URL
    /// `root/data`.
    public let dataDirectory: URL
    /// `root/data/raw`, as the Datasets loaders address it; inputs are declared relative to it.
    public let dataPaths: DataPaths
    /// `root/data/results`: one folder per profile, in it one per section.
    public let resultsDirectory: URL
    /// `root/Sources`, whose files are hashed into fingerprints.
    public let sourcesDirectory: URL

    /// `root/data/MANIFEST`: the pinned inputs and the checksums of their extracted files.
    public var manifestFile: URL { dataDirectory.appendingPathComponent("MANIFEST") }

    /// A workspace rooted at `root`.
    public init(root: URL) {
        self.root = root.standardizedFileURL
        dataDirectory = self.root.appendingPathComponent("data")
        resultsDirectory = dataDirectory.appendingPathComponent("results")
        dataPaths = DataPaths(packageRoot: self.root.path)
        sourcesDirectory = self.root.appendingPathComponent("Sources")
    }

    /// The nearest folder at or above `start` that holds a `Package.swift`; `start` itself when none does.
    public static func locate(from start: URL) -> Workspace {
        Workspace(root: DataPaths.packageRoot(containing: start.path).map { URL(fileURLWithPath: $0) } ?? start)
    }

    /// The workspace of the current directory (`Workspace.locate(from:)`).
    public static func current() -> Workspace {
        locate(from: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    }

    /// The checkpoint cache of one section in one profile, `data/cache/<profile>/<section>`
    /// (git-ignored: trained weights, rebuilt by training when missing).
    public func cacheDirectory(of section: String, profile: Profile) -> URL {
        dataDirectory.appendingPathComponent("cache").appendingPathComponent(profile.rawValue).appendingPathComponent(section)
    }

    /// The results folder of one section in one profile, `data/results/<profile>/<section>`:
    /// each profile keeps its own results, so a quick look never replaces the full study.
    public func directory(of section: String, profile: Profile) -> ResultDirectory {
        ResultDirectory(
            url: resultsDirectory.appendingPathComponent(profile.rawValue).appendingPathComponent(section),
            displayPath: "data/results/\(profile.rawValue)/\(section)")
    }
}
