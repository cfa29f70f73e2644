import Foundation
public import Tensor

/// Reads tensors from a safetensors file: the header is read and validated when the reader is
/// made (`SafetensorsHeader`), and each tensor's bytes are read only when asked for.
///
/// ```
/// let reader = try SafetensorsReader(contentsOf: "data/raw/minilm/model.safetensors")
/// reader.header.entry(named: "embeddings.word_embeddings.weight")?.shape   // [30522, 384]
/// let gamma = try reader.tensor(named: "embeddings.LayerNorm.weight")     // reads 1 536 bytes
/// ```
/// Opening reads 8 bytes, checks the announced length against the file size and the 100 MB limit,
/// then reads the header; a tensor read seeks to its range and reads exactly its bytes, so
/// looking at one tensor of a large checkpoint costs that tensor only. F32, F16, BF16, I8 and U8
/// are converted to `Float` (`SafetensorsDType`). A reader can also wrap bytes in memory (a file
/// image just written, or a test's corruption).
public struct SafetensorsReader: Sendable {
    /// The file (or the label of the bytes), as named in errors.
    public let path: String
    /// The validated header: entries, metadata, where the data starts.
    public let header: SafetensorsHeader
    /// Where tensor bytes come from.
    private let source: Source

    private enum Source: Sendable {
        case file
        case memory([UInt8])
    }

    /// Opens `path` and reads and validates its header.
    /// - Throws: `SafetensorsError`: `unreadable` when the file cannot be opened or read,
    ///   otherwise the header's faults (see `SafetensorsHeader`).
    public init(contentsOf path: String) throws(SafetensorsError) {
        self.path = path
        source = .file
        let handle = try Self.open(path)
        defer { try? handle.close() }
        let fileSize = try Self.io(path) { Int(try handle.seekToEnd()) }
        let prefix = try Self.read(handle, path, at: 0, count: min(8, fileSize))
        let length = try SafetensorsHeader.headerLength(prefix: prefix, fileSize: fileSize, path: path)
        let json = try Self.read(handle, path, at: 8, count: length)
        header = try SafetensorsHeader(json: json, fileSize: fileSize, path: path)
    }

    /// A reader over a whole file image in memory; `label` names it in errors.
    /// - Throws: `SafetensorsError` for the header's faults (see `SafetensorsHeader`).
    public init(bytes: [UInt8], label: String) throws(SafetensorsError) {
        path = label
        source = .memory(bytes)
        let length = try SafetensorsHeader.headerLength(prefix: bytes.prefix(8), fileSize: bytes.count, path: label)
        header = try SafetensorsHeader(json: Array(bytes[8..<(8 + length)]), fileSize: bytes.count, path: label)
    }

    /// The tensor names, in the order of their bytes in the file.
    public var names: [String] { header.entries.map(\.name) }

    /// The metadata strings of the header.
    public var metadata: [String: String] { header.metadata }

    /// The tensor called `name`, converted to `Float`.
    /// - Throws: `SafetensorsError`: `missingTensor`, `unsupportedDType` (a dtype other than F32,
    ///   F16, BF16, I8, U8), `unreadable`, or `truncated` when the file shrank since it was opened.
    public func tensor(named name: String) throws(SafetensorsError) -> Tensor {
        guard let entry = header.entry(named: name) else {
            throw SafetensorsError(path: path, kind: .missingTensor, detail: "no tensor named '\(name)' among \(header.entries.count) tensors")
        }
        guard entry.dtype.isReadableAsFloat else {
            throw SafetensorsError(path: path, kind: .unsupportedDType, detail: "tensor '\(name)' is \(entry.dtype.rawValue); only F32 F16 BF16 I8 U8 are read as Float")
        }
        let start = header.dataOffset + entry.dataRange.lowerBound
        let bytes: [UInt8]
        switch source {
        case .memory(let image):
            bytes = Array(image[start..<(start + entry.dataRange.count)])
        case .file:
            let handle = try Self.open(path)
            defer { try? handle.close() }
            bytes = try Self.read(handle, path, at: start, count: entry.dataRange.count)
        }
        let values = bytes.withUnsafeBytes { entry.dtype.floats($0)! }
        return Tensor(shape: entry.shape, storage: values)
    }

    /// Every tensor whose dtype is read as `Float`, by name (others are skipped).
    /// - Throws: `SafetensorsError` as `tensor(named:)`.
    public func tensors() throws(SafetensorsError) -> [String: Tensor] {
        var out: [String: Tensor] = [:]
        for entry in header.entries where entry.dtype.isReadableAsFloat {
            out[entry.name] = try tensor(named: entry.name)
        }
        return out
    }

    // MARK: File access (every Foundation file call of the reader is here)

    private static func open(_ path: String) throws(SafetensorsError) -> FileHandle {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw SafetensorsError(path: path, kind: .unreadable, detail: "cannot open for reading (missing or not permitted)")
        }
        return handle
    }

    /// `count` bytes at `offset`, or `truncated` when the file ends first.
    private static func read(_ handle: FileHandle, _ path: String, at offset: Int, count: Int) throws(SafetensorsError) -> [UInt8] {
        let data = try io(path) { () throws -> Data in
            try handle.seek(toOffset: UInt64(offset))
            return try handle.read(upToCount: count) ?? Data()
        }
        guard data.count == count else {
            throw SafetensorsError(path: path, kind: .truncated, detail: "\(count) bytes expected at offset \(offset), found \(data.count); the file is truncated")
        }
        return [UInt8](data)
    }

    /// Runs a Foundation file call, mapping its error to `unreadable`.
    private static func io<T>(_ path: String, _ body: () throws -> T) throws(SafetensorsError) -> T {
        do {
            return try body()
        } catch {
            throw SafetensorsError(path: path, kind: .unreadable, detail: "read failed (\(error.localizedDescription))")
        }
    }
}
