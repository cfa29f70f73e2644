public import Foundation
import Datasets

/// SHA-256 of every file under some folders of `Sources/`, by path relative to the package root.
public enum SourceHashes {
    /// Hashes all regular files under `Sources/<path>` for each path (a folder or a single
    /// file), keyed `Sources/<…>`; hidden files are skipped.
    /// - Returns: the hashes, or `nil` when `sources` or any declared path does not exist
    ///   (a binary run away from its package has no sources to fingerprint).
    public static func of(_ paths: [String], in sources: URL) -> [String: String]? {
        let manager = FileManager.default
        var hashes: [String: String] = [:]
        for path in paths {
            let url = sources.appendingPathComponent(path)
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return nil }
            let files: [String]
            if isDirectory.boolValue {
                guard let walker = manager.enumerator(atPath: url.path) else { return nil }
                files = walker.compactMap { entry -> String? in
                    guard let relative = entry as? String,
                          !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") })
                    else { return nil }
                    var isDir: ObjCBool = false
                    let exists = manager.fileExists(atPath: url.appendingPathComponent(relative).path, isDirectory: &isDir)
                    return exists && !isDir.boolValue ? path + "/" + relative : nil
                }
            } else {
                files = [path]
            }
            for file in files {
                guard let hex = try? SHA256.hex(ofFile: sources.appendingPathComponent(file).path) else { return nil }
                hashes["Sources/" + file] = hex
            }
        }
        return hashes
    }
}
