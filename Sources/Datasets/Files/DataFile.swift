import Foundation

/// Whole-file reads with the module's one-line errors.
enum DataFile {
    /// The bytes of `path`.
    /// - Throws: `DataFileError` "PATH: missing; run make data" when there is no such file,
    ///   "PATH: cannot read" when it exists but cannot be read.
    static func read(_ path: String) throws -> [UInt8] {
        try requireExists(path)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataFileError(file: path, problem: "cannot read; check its permissions")
        }
        return [UInt8](data)
    }

    /// Requires a regular file at `path`.
    /// - Throws: `DataFileError` "PATH: missing; run make data".
    static func requireExists(_ path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw DataFileError(file: path, problem: "missing; run make data")
        }
    }
}
