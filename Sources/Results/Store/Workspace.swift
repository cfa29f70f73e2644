public import Datasets
public import Foundation

/// Where a run reads and writes: the package root, its data and results folders, its sources.
public struct Workspace: Sendable {
    /// The package root (the folder holding `Package.swift`), or the folder given.
    public let root: URL
    /// `root/data`.
    public let dataDirectory: URL
    /// `root/data/raw`, as the Datasets loaders address it; inputs are declared relative to it.
    public let dataPaths: DataPaths
    /// `root/data/results`: one folder per section.
    public let resultsDirectory: URL
    /// `root/Sources`, whose files are hashed into fingerprints.
    public let sourcesDirectory: URL

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

    /// The results folder of one section.
    public func directory(of section: String) -> ResultDirectory {
        ResultDirectory(url: resultsDirectory.appendingPathComponent(section), displayPath: "data/results/\(section)")
    }
}
