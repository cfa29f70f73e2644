import Foundation
import Testing
@testable import Tensor

@Suite struct NPYTests {
    /// A fresh directory for one test's files.
    static func scratch() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("npy-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func tensorRoundTripAndHeaderAlignment() throws {
        let dir = try Self.scratch()
        var g = SeededGenerator(seed: 1)
        let t = Tensor.normal(shape: [3, 5, 7], using: &g)
        let path = dir + "/t.npy"
        try NPYFile.write(t, to: path)
        #expect(try NPYFile.readTensor(path) == t)
        let bytes = try FileBytes.read(path)
        #expect(bytes[6] == 1)  // version 1.0
        #expect((bytes.count - 3 * 5 * 7 * 4) % 64 == 0, "data must start on a 64-byte boundary")
        #expect(String(decoding: bytes[10..<80], as: UTF8.self).hasPrefix("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 5, 7), }"))
        // No temporary file is left behind by the atomic write.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["t.npy"])
    }

    @Test(arguments: NPYDType.allCases)
    func everyDtypeRoundTrips(_ dtype: NPYDType) throws {
        let bytes = (0..<(6 * dtype.size)).map { UInt8(($0 * 37 + 11) & 0x7F) }
        let array = NPYArray(shape: [2, 3], dtype: dtype, bytes: bytes)
        #expect(try NPYFile.decode(NPYFile.encode(array), path: "x.npy") == array, "\(dtype.rawValue)")
    }

    @Test func scalarsAndVectorsAndEmpty() throws {
        for shape in [[], [4], [0, 3]] {
            let t = Tensor(shape: shape, repeating: 2)
            #expect(try NPYFile.decode(NPYFile.encode(NPYArray(t)), path: "x.npy").tensor() == t, "\(shape)")
        }
        let vector = String(decoding: NPYFile.encode(NPYArray(Tensor(shape: [4]))), as: UTF8.self)
        #expect(vector.contains("'shape': (4,)"))
    }

    @Test func conversionsToFloat() {
        #expect(NPYArray(shape: [3], dtype: .int8, elements: [Int8(-3), 0, 127]).floats() == [-3, 0, 127])
        #expect(NPYArray(shape: [2], dtype: .float16, elements: [UInt16(0x3C00), 0xC000]).floats() == [1, -2])
        #expect(NPYArray(shape: [1], dtype: .float64, elements: [(0.375 as Double).bitPattern]).floats() == [0.375])
        #expect(NPYArray(shape: [2], dtype: .int32, elements: [Int32(-70000), 5]).floats() == [-70000, 5])
    }

    /// A hand-made file: magic, version, header length, header text, then data.
    static func file(version: UInt8, header: String, data: [UInt8]) -> [UInt8] {
        let h = Array(header.utf8)
        let length = version == 1 ? [UInt8(h.count & 0xFF), UInt8(h.count >> 8)]
            : [UInt8(h.count & 0xFF), UInt8((h.count >> 8) & 0xFF), 0, 0]
        return [0x93] + Array("NUMPY".utf8) + [version, 0] + length + h + data
    }

    @Test(arguments: [UInt8(1), 2, 3])
    func readsVersions(_ version: UInt8) throws {
        let bytes = Self.file(version: version, header: "{\"descr\": \"<f4\", \"shape\": (2,), \"fortran_order\": False}\n",
                              data: [0, 0, 0x80, 0x3F, 0, 0, 0, 0xC0])
        let array = try NPYFile.decode(bytes, path: "v.npy")
        #expect(array.shape == [2] && array.floats() == [1, -2], "version \(version)")
    }

    struct Malformed: Sendable, CustomTestStringConvertible {
        let name: String
        let bytes: [UInt8]
        let message: String
        var testDescription: String { name }
    }

    static let malformed: [Malformed] = [
        Malformed(name: "bad magic", bytes: Array("NOTNUMPYFILE".utf8), message: "missing the \\x93NUMPY magic"),
        Malformed(name: "too short", bytes: [0x93, 0x4E], message: "missing the \\x93NUMPY magic"),
        Malformed(name: "version 4", bytes: file(version: 4, header: "{}", data: []), message: "format version 4.0"),
        Malformed(name: "truncated header", bytes: Array(file(version: 1, header: "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", data: []).prefix(30)),
                  message: "truncated header"),
        Malformed(name: "truncated data", bytes: file(version: 1, header: "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }", data: [0, 0, 0, 0]),
                  message: "truncated data: shape [2, 2] of <f4 needs 16 bytes, found 4"),
        Malformed(name: "fortran order", bytes: file(version: 1, header: "{'descr': '<f4', 'fortran_order': True, 'shape': (1,), }", data: [0, 0, 0, 0]),
                  message: "fortran_order is True"),
        Malformed(name: "big-endian", bytes: file(version: 1, header: "{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }", data: [0, 0, 0, 0]),
                  message: "dtype '>f4' is not one of"),
        Malformed(name: "no shape", bytes: file(version: 1, header: "{'descr': '<f4', 'fortran_order': False, }", data: []),
                  message: "header has no 'shape'"),
        Malformed(name: "bad extent", bytes: file(version: 1, header: "{'descr': '<f4', 'fortran_order': False, 'shape': (x,), }", data: []),
                  message: "'shape' has a bad extent 'x'"),
        Malformed(name: "structured dtype", bytes: file(version: 1, header: "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }", data: []),
                  message: "'descr' is not a quoted string"),
    ]

    @Test(arguments: malformed)
    func malformedFilesGiveOneLineErrors(_ m: Malformed) {
        do {
            _ = try NPYFile.decode(m.bytes, path: "data/bad.npy")
            Issue.record("\(m.name): no error")
        } catch {
            let text = "\(error)"
            #expect(text.hasPrefix("data/bad.npy: not a readable .npy file: "), "\(m.name): \(text)")
            #expect(text.contains(m.message), "\(m.name): \(text)")
            #expect(!text.contains("\n"), "\(m.name): more than one line")
        }
    }

    @Test func missingFileNamesThePath() throws {
        #expect(throws: FileError.self) { try NPYFile.read("/nonexistent/dir/x.npy") }
        do { _ = try NPYFile.read("/nonexistent/dir/x.npy") } catch {
            #expect("\(error)".hasPrefix("/nonexistent/dir/x.npy: cannot open"))
        }
    }
}

/// Issue 16, case 4: crafted sizes neither trap nor allocate what the file does not hold.
@Suite struct NPYSizeTests {
    func error(_ bytes: [UInt8]) -> String? {
        do { _ = try NPYFile.decode(bytes, path: "x.npy"); return nil } catch { return "\(error)" }
    }

    @Test(arguments: ["(4611686018427387904,)", "(4611686018427387904, 4611686018427387904, 0)", "(9223372036854775807, 2)"])
    func overflowingShapeIsAnError(_ shape: String) {
        let bytes = NPYTests.file(version: 1, header: "{'descr': '<f4', 'fortran_order': False, 'shape': \(shape), }", data: [0, 0, 0, 0])
        #expect(error(bytes)?.hasPrefix("x.npy: not a readable .npy file: shape [") == true, "\(shape): \(error(bytes) ?? "no error")")
        #expect(error(bytes)?.hasSuffix("has more bytes than a 64-bit size can count") == true, "\(shape)")
    }

    /// A header claiming 34 GB over 4 bytes of data: the claim is checked against the bytes present.
    @Test func claimedSizeBeyondTheFileIsTruncation() {
        let bytes = NPYTests.file(version: 1, header: "{'descr': '<f8', 'fortran_order': False, 'shape': (65536, 65536), }", data: [0, 0, 0, 0])
        #expect(error(bytes) == "x.npy: not a readable .npy file: truncated data: shape [65536, 65536] of <f8 needs 34359738368 bytes, found 4")
    }

    @Test func byteCountChecksEveryPartialProduct() {
        #expect(NPYFile.byteCount(of: [2, 3], elementSize: 4) == 24)
        #expect(NPYFile.byteCount(of: [], elementSize: 8) == 8)
        #expect(NPYFile.byteCount(of: [1 << 62, 1 << 62, 0], elementSize: 4) == nil)
        #expect(NPYFile.byteCount(of: [0, 1 << 40], elementSize: 4) == 0)
        #expect(NPYFile.byteCount(of: [1 << 61], elementSize: 4) == nil)
    }

    /// `/dev/zero` never ends: it is refused before a byte is read, not read into memory.
    @Test(arguments: ["/dev/zero", "/dev/null", "/tmp"])
    func nonRegularInputIsRefused(_ path: String) {
        do { _ = try NPYFile.read(path); Issue.record("\(path): no error") } catch {
            #expect("\(error)" == "\(path): not a regular file (a device, FIFO or directory); give a file")
        }
    }
}
