import Foundation
@testable import Datasets

/// Paths shared by the Datasets tests.
enum TestData {
    /// The package root, found from this file's path (tests may run from any directory).
    static let packageRoot: String = {
        guard let root = DataPaths.packageRoot(containing: #filePath) else {
            fatalError("no Package.swift above \(#filePath)")
        }
        return root
    }()

    /// The fetched inputs; `make test` runs `make data` first, so they must be present.
    static let paths = DataPaths(packageRoot: packageRoot)

    /// A fresh temporary directory holding `files` (name → contents), removed by the caller.
    static func directory(with files: [String: String]) throws -> DataPaths {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("quantlab-datasets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, contents) in files {
            try Data(contents.utf8).write(to: url.appendingPathComponent(name))
        }
        return DataPaths(root: url.path)
    }

    static func remove(_ paths: DataPaths) {
        try? FileManager.default.removeItem(atPath: paths.root)
    }

    /// The one-line description of the error `body` throws, or nil when it throws none.
    static func errorText(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            return String(describing: error)
        }
    }
}
