import Foundation
import Testing

/// A `<f4` .npy file written by hand (version 1.0, header padded to 64 bytes), so these tests
/// check the binary against the format itself, not against our own writer.
func npyBytes(shape: [Int], values: [Float]) -> Data {
    let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    var header = "{'descr': '<f4', 'fortran_order': False, 'shape': \(shapeText), }"
    header += String(repeating: " ", count: 63 - (10 + header.utf8.count) % 64) + "\n"
    var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(header.utf8.count & 0xFF), UInt8(header.utf8.count >> 8)])
    data.append(contentsOf: Array(header.utf8))
    for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
    return data
}

/// Reads back a `<f4` or `|i1` .npy written by the binary: header fields and raw data.
func npyData(_ url: URL) throws -> (header: String, data: [UInt8]) {
    let bytes = try [UInt8](Data(contentsOf: url))
    let length = Int(bytes[8]) | Int(bytes[9]) << 8
    return (String(decoding: bytes[10..<(10 + length)], as: UTF8.self), Array(bytes[(10 + length)...]))
}

@Suite(.serialized) struct QuantLabBinaryTests {
    let dir: URL

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("quantlab-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    @Test func binaryIsBuilt() {
        #expect(FileManager.default.isExecutableFile(atPath: Binary.url.path), "no quantlab at \(Binary.url.path); run swift build")
    }

    @Test func explainPointThreeSevenFiveInFP32() throws {
        let r = try Binary.run(["explain", "0.375", "--format", "fp32"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("0 01111101 10000000000000000000000"))
        #expect(r.stdout.contains("stored 125, bias 127, unbiased -2"))
        #expect(r.stdout.contains("next up    0.37500003"))
    }

    @Test func explainWithoutFormatShowsEveryFloatFormat() throws {
        let r = try Binary.run(["explain", "0.375"])
        #expect(r.status == 0)
        for bits in ["0 01101 1000000000", "0 01111101 1000000", "0 0101 100", "0 01101 10"] {
            #expect(r.stdout.contains(bits), "missing \(bits)")
        }
    }

    @Test func formatsTable() throws {
        let r = try Binary.run(["formats"])
        #expect(r.status == 0)
        for fact in ["FP8 E4M3", "448.0", "57344.0", "65504.0", "NF4", "INT4", "253", "5.9604645e-08"] {
            #expect(r.stdout.contains(fact), "missing \(fact)")
        }
    }

    @Test func everyCommandHasHelpWithAnExample() throws {
        for command in ["explain", "formats", "quantize"] {
            let r = try Binary.run([command, "--help"])
            #expect(r.status == 0 && r.stdout.contains("Example:") && r.stdout.contains("quantlab \(command)"), "\(command)")
        }
    }

    @Test func quantizeInt8RoundTripAndSidecar() throws {
        let input = dir.appendingPathComponent("w.npy"), output = dir.appendingPathComponent("w8.npy")
        // Row 0 has absmax 127 (scale 1), row 1 absmax 1.27 (scale 0.01).
        try npyBytes(shape: [2, 3], values: [127, -2.5, 3.5, 1.27, 0.5, -0.01]).write(to: input)
        let r = try Binary.run(["quantize", "--input", input.path, "--output", output.path, "--format", "int8",
                                "--granularity", "channel:0", "--emit", "codes"])
        #expect(r.status == 0, "\(r.stderr)")
        let (header, data) = try npyData(output)
        #expect(header.contains("'descr': '|i1'") && header.contains("'shape': (2, 3)"))
        #expect(data.map { Int8(bitPattern: $0) } == [127, -2, 4, 127, 50, -1])  // ties to even: 2.5 → 2, 3.5 → 4
        let sidecar = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("w8.json"))) as! [String: Any]
        #expect(sidecar["groups"] as? Int == 2)
        #expect((sidecar["scales"] as? [Double])?.first == 1)
        #expect((sidecar["metrics"] as? [String: Any])?["sqnr_db"] is Double)
    }

    @Test func quantizeDequantizedFP8() throws {
        let input = dir.appendingPathComponent("x.npy"), output = dir.appendingPathComponent("x8.npy")
        try npyBytes(shape: [4], values: [0.3, 1000, -0.375, 0]).write(to: input)
        let r = try Binary.run(["quantize", "--input", input.path, "--output", output.path, "--format", "fp8-e4m3"])
        #expect(r.status == 0, "\(r.stderr)")
        let (header, data) = try npyData(output)
        #expect(header.contains("'descr': '<f4'"))
        let values = stride(from: 0, to: data.count, by: 4).map { i in
            Float(bitPattern: UInt32(data[i]) | UInt32(data[i + 1]) << 8 | UInt32(data[i + 2]) << 16 | UInt32(data[i + 3]) << 24)
        }
        #expect(values == [0.3125, 448, -0.375, 0])  // 0.3 → nearest E4M3 0.3125; 1000 saturates
    }

    struct BadCase: Sendable, CustomTestStringConvertible {
        let name: String
        let arguments: [String]
        let status: Int32
        let message: String
        var testDescription: String { name }
    }

    static let badCases: [BadCase] = [
        BadCase(name: "unknown format", arguments: ["--format", "int9"], status: 64, message: "The value 'int9' is invalid for '--format <format>'"),
        BadCase(name: "bits 1", arguments: ["--format", "int8", "--bits", "1"], status: 64, message: "--bits 1 is outside 2...16"),
        BadCase(name: "bits 17", arguments: ["--format", "int8", "--bits", "17"], status: 64, message: "--bits 17 is outside 2...16"),
        BadCase(name: "group does not divide", arguments: ["--format", "int4", "--granularity", "group:4"], status: 1,
                message: "group size 4 does not divide axis 1 of extent 6"),
        BadCase(name: "bad granularity", arguments: ["--format", "int4", "--granularity", "rows"], status: 64, message: "--granularity"),
        BadCase(name: "bad percentile", arguments: ["--format", "int8", "--calibration", "percentile:120"], status: 64, message: "--calibration"),
    ]

    @Test(arguments: badCases)
    func badInputIsOneLineAndNonZero(_ c: BadCase) throws {
        let input = dir.appendingPathComponent("ok.npy")
        try npyBytes(shape: [2, 6], values: (0..<12).map(Float.init)).write(to: input)
        let r = try Binary.run(["quantize", "--input", input.path, "--output", dir.appendingPathComponent("o.npy").path] + c.arguments)
        #expect(r.status == c.status, "\(c.name): status \(r.status), stderr \(r.stderr)")
        #expect(r.stderr.hasPrefix("Error: ") && r.stderr.contains(c.message), "\(c.name): \(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "\(c.name): more than one line: \(r.stderr)")
    }

    @Test func nanInInputNamesTheElement() throws {
        let input = dir.appendingPathComponent("nan.npy")
        try npyBytes(shape: [3], values: [1, .nan, 2]).write(to: input)
        let r = try Binary.run(["quantize", "--input", input.path, "--output", dir.appendingPathComponent("o.npy").path, "--format", "int8"])
        #expect(r.status == 1)
        #expect(r.stderr == "Error: element 1 is nan; quantization needs finite values (remove or replace NaN and infinities)\n")
    }

    @Test func malformedNpyNamesTheFile() throws {
        let input = dir.appendingPathComponent("bad.npy")
        var bytes = npyBytes(shape: [4], values: [1, 2, 3, 4])
        bytes.removeLast(6)  // truncated data
        try bytes.write(to: input)
        let r = try Binary.run(["quantize", "--input", input.path, "--output", dir.appendingPathComponent("o.npy").path, "--format", "int8"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("\(input.path): not a readable .npy file: truncated data"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("o.npy").path))
    }
}
