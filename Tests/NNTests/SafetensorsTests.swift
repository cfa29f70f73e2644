import Foundation
import NN
import Tensor
import Testing

/// The safetensors writer and reader: round trips, every corruption the reader refuses (each
/// with its own error kind and a one-line message naming the file), the dtypes it converts,
/// and the pinned MiniLM checkpoint.
@Suite("Safetensors")
struct SafetensorsTests {
    /// A file image from a header text and data bytes (the header is not padded).
    static func image(_ header: String, data: [UInt8] = [], length: UInt64? = nil) -> [UInt8] {
        let json = Array(header.utf8)
        var n = (length ?? UInt64(json.count)).littleEndian
        return withUnsafeBytes(of: &n) { Array($0) } + json + data
    }

    /// The error that reading `bytes` throws (at open, or when reading tensor `name`).
    static func error(_ bytes: [UInt8], reading name: String? = nil) -> SafetensorsError? {
        do {
            let reader = try SafetensorsReader(bytes: bytes, label: "bad.safetensors")
            if let name { _ = try reader.tensor(named: name) }
            return nil
        } catch {
            return error
        }
    }

    /// A fresh file path in the temporary directory.
    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("quantlab-nn-\(UUID().uuidString).safetensors").path
    }

    static let tensors: [String: Tensor] = [
        "conv.weight": Fixtures.normal([2, 1, 3, 3], seed: 61),
        "conv.bias": Fixtures.normal([2], seed: 62),
        "scalar": Tensor(shape: [], storage: [-0.0]),
        "empty": Tensor(shape: [0, 4], storage: []),
        "odd \"name\" é\n": Tensor(shape: [1, 3], storage: [.infinity, -.infinity, .leastNonzeroMagnitude]),
    ]

    @Test("round trip in memory and through a file: names, shapes, bits and metadata")
    func roundTrip() throws {
        let metadata = ["format": "pt", "trained": "vision \"quick\""]
        let bytes = SafetensorsWriter.encode(Self.tensors, metadata: metadata)
        #expect(bytes == SafetensorsWriter.encode(Self.tensors, metadata: metadata), "encoding is deterministic")
        let length = bytes.prefix(8).reversed().reduce(0) { $0 << 8 | Int($1) }
        #expect((8 + length) % 8 == 0, "the data section starts 8-byte aligned")
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try SafetensorsWriter.write(Self.tensors, metadata: metadata, to: path)
        for reader in [try SafetensorsReader(bytes: bytes, label: "memory"), try SafetensorsReader(contentsOf: path)] {
            #expect(reader.metadata == metadata)
            #expect(reader.names == Self.tensors.keys.sorted(), "\(reader.path): tensors laid out in name order")
            let read = try reader.tensors()
            for (name, t) in Self.tensors {
                #expect(read[name]?.shape == t.shape, "\(reader.path) '\(name)': shape")
                #expect(read[name]?.storage.map(\.bitPattern) == t.storage.map(\.bitPattern), "\(reader.path) '\(name)': bits")
            }
        }
    }

    @Test("a header with no metadata, with padding, read as written by hand")
    func handWritten() throws {
        // [1.5, -2] as F32 little-endian, header padded with spaces as the format allows.
        let bytes = Self.image(#"{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}   "#,
                               data: [0x00, 0x00, 0xC0, 0x3F, 0x00, 0x00, 0x00, 0xC0])
        let reader = try SafetensorsReader(bytes: bytes, label: "hand")
        #expect(reader.metadata.isEmpty)
        #expect(try reader.tensor(named: "w").storage == [1.5, -2])
    }

    @Test("F16, BF16, I8 and U8 are converted exactly")
    func dtypes() throws {
        // F16: 1, −2, 65504 (largest), 2⁻²⁴ (smallest subnormal); BF16: 1, −3; I8: −1, 127; U8: 255, 0.
        let data: [UInt8] = [0x00, 0x3C, 0x00, 0xC0, 0xFF, 0x7B, 0x01, 0x00,
                             0x80, 0x3F, 0x40, 0xC0,
                             0xFF, 0x7F,
                             0xFF, 0x00]
        let bytes = Self.image("""
            {"h":{"dtype":"F16","shape":[4],"data_offsets":[0,8]},"b":{"dtype":"BF16","shape":[2],"data_offsets":[8,12]},\
            "i":{"dtype":"I8","shape":[2],"data_offsets":[12,14]},"u":{"dtype":"U8","shape":[2],"data_offsets":[14,16]}}
            """, data: data)
        let reader = try SafetensorsReader(bytes: bytes, label: "dtypes")
        #expect(try reader.tensor(named: "h").storage == [1, -2, 65504, 0x1p-24])
        #expect(try reader.tensor(named: "b").storage == [1, -3])
        #expect(try reader.tensor(named: "i").storage == [-1, 127])
        #expect(try reader.tensor(named: "u").storage == [255, 0])
    }

    /// A valid entry of 2 F32 values at [0, 8), and 16 data bytes.
    static let entry = #""a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}"#
    static let data = [UInt8](repeating: 0, count: 16)

    @Test("each corruption gives its own error, on one line naming the file", arguments: [
        ("shorter than 8 bytes", [UInt8]([1, 2, 3]), SafetensorsError.Kind.truncated, nil as String?),
        ("header length above 100 MB", image("{}", length: 100_000_001), .headerTooLarge, nil),
        ("header length past the end of the file", image("{}", length: 64), .truncated, nil),
        ("not JSON", image(#"{"a": [1,}"#), .malformedHeader, nil),
        ("not an object", image("[1, 2]"), .malformedHeader, nil),
        ("an entry without data_offsets", image(#"{"a":{"dtype":"F32","shape":[2]}}"#, data: data), .malformedHeader, nil),
        ("a shape that is not integers", image(#"{"a":{"dtype":"F32","shape":[2.5],"data_offsets":[0,8]}}"#, data: data), .malformedHeader, nil),
        ("a boolean extent", image(#"{"a":{"dtype":"F32","shape":[true],"data_offsets":[0,4]}}"#, data: data), .malformedHeader, nil),
        ("a negative extent", image(#"{"a":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}"#, data: data), .malformedHeader, nil),
        ("three offsets", image(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,4,8]}}"#, data: data), .malformedHeader, nil),
        ("metadata that is not strings", image("{\(entry),\"__metadata__\":{\"epochs\":10}}", data: data), .malformedHeader, nil),
        ("an unknown dtype", image(#"{"a":{"dtype":"Q4","shape":[2],"data_offsets":[0,1]}}"#, data: data), .unknownDType, nil),
        ("offsets past the data", image(#"{"a":{"dtype":"F32","shape":[6],"data_offsets":[0,24]}}"#, data: data), .offsetsOutsideData, nil),
        ("offsets that end before they begin", image(#"{"a":{"dtype":"F32","shape":[0],"data_offsets":[8,4]}}"#, data: data), .offsetsOutsideData, nil),
        ("offsets shorter than the shape", image(#"{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, data: data), .sizeMismatch, nil),
        ("a shape whose size overflows", image(#"{"a":{"dtype":"F32","shape":[4611686018427387904,4],"data_offsets":[0,8]}}"#, data: data), .sizeMismatch, nil),
        ("overlapping tensors", image("{\(entry),\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", data: data), .overlappingTensors, nil),
        ("a tensor that is not there", image("{\(entry)}", data: data), .missingTensor, "b"),
        ("a dtype not read as Float", image(#"{"p":{"dtype":"I64","shape":[2],"data_offsets":[0,16]}}"#, data: data), .unsupportedDType, "p"),
    ])
    func corruption(_ label: String, _ bytes: [UInt8], _ kind: SafetensorsError.Kind, _ name: String?) {
        let error = Self.error(bytes, reading: name)
        #expect(error?.kind == kind, "\(label): \(error.map(String.init(describing:)) ?? "no error")")
        let text = error.map(String.init(describing:)) ?? ""
        #expect(text.hasPrefix("bad.safetensors: ") && !text.contains("\n"), "\(label): \(text)")
    }

    @Test("a missing file and a file truncated in its data are reported with the path")
    func files() throws {
        let missing = Self.temporaryPath()
        #expect(throws: SafetensorsError.self) { try SafetensorsReader(contentsOf: missing) }
        do {
            _ = try SafetensorsReader(contentsOf: missing)
        } catch {
            #expect(error.kind == .unreadable && error.description.hasPrefix(missing), "\(error)")
        }
        // A whole file, then cut in its data section after the reader has validated the header.
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try SafetensorsWriter.write(["w": Fixtures.normal([4], seed: 63)], to: path)
        let reader = try SafetensorsReader(contentsOf: path)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try bytes.prefix(bytes.count - 4).write(to: URL(fileURLWithPath: path))
        do {
            _ = try reader.tensor(named: "w")
            Issue.record("reading a truncated tensor did not throw")
        } catch {
            #expect(error.kind == .truncated && error.description.hasPrefix(path), "\(error)")
        }
    }

    /// The pinned all-MiniLM-L6-v2 weights (`make data`), if fetched.
    static let miniLM: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent("data/raw/minilm/model.safetensors").path
    }()

    @Test("the pinned MiniLM checkpoint: header, a known shape, and tensors read to the bit",
          .enabled(if: FileManager.default.fileExists(atPath: miniLM),
                   "data/raw/minilm/model.safetensors is absent; run make data to test against the real checkpoint"))
    func miniLMCheckpoint() throws {
        let reader = try SafetensorsReader(contentsOf: Self.miniLM)
        #expect(reader.header.entries.count == 104)
        #expect(reader.metadata == ["format": "pt"])
        #expect(reader.header.entry(named: "embeddings.word_embeddings.weight")?.shape == [30522, 384])
        #expect(reader.header.entry(named: "embeddings.position_ids")?.dtype == .i64)
        // Reference values read with Python's struct module from the same file.
        let gamma = try reader.tensor(named: "embeddings.LayerNorm.weight")
        #expect(gamma.shape == [384])
        #expect(Array(gamma.storage.prefix(4)) == [0.5989283323287964, 0.583594799041748, 0.6335410475730896, 0.6244606375694275])
        let embeddings = try reader.tensor(named: "embeddings.word_embeddings.weight")
        // Row 101, the [CLS] token.
        #expect(Array(embeddings.storage[(101 * 384)..<(101 * 384 + 4)]) == [-0.01761939749121666, -0.007600549608469009, 0.047105543315410614, -0.08691827207803726])
    }
}
