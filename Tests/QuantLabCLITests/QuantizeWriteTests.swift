import Foundation
import Testing

/// Issue 16, cases 5–7 at the command line: extreme inputs, what `quantize` writes over, and
/// the smaller argument checks.
@Suite struct QuantizeWriteTests {
    let dir: URL
    let input: URL

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("quantlab-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        input = dir.appendingPathComponent("w.npy")
        try npyBytes(shape: [2], values: [3.4e38, -3.4e38]).write(to: input)
    }

    func quantize(_ output: String, _ extra: [String] = []) throws -> Binary.Output {
        try Binary.run(["quantize", "--input", input.path, "--output", output, "--format", "int8"] + extra)
    }

    /// Case 5: ±3.4e38 gives finite values and finite metrics in the sidecar (its SQNR is
    /// `null`, +∞, only when the result is exact: MSE 0).
    @Test(arguments: ["symmetric", "asymmetric"])
    func extremeInputGivesFiniteOutput(_ scheme: String) throws {
        let output = dir.appendingPathComponent("o-\(scheme).npy")
        let r = try quantize(output.path, ["--scheme", scheme])
        #expect(r.status == 0, "\(r.stderr)")
        let (_, data) = try npyData(output)
        let values = stride(from: 0, to: data.count, by: 4).map { i in
            Float(bitPattern: UInt32(data[i]) | UInt32(data[i + 1]) << 8 | UInt32(data[i + 2]) << 16 | UInt32(data[i + 3]) << 24)
        }
        #expect(values.count == 2 && values.allSatisfy(\.isFinite), "\(scheme): \(values)")
        let sidecar = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("o-\(scheme).json"))) as? [String: Any]
        let metrics = try #require(sidecar?["metrics"] as? [String: Any])
        let mse = try #require(metrics["mse"] as? Double)
        #expect(mse.isFinite && (metrics["max_abs_error"] as? Double)?.isFinite == true, "\(scheme): \(metrics)")
        #expect(metrics["sqnr_db"] is Double || mse == 0, "\(scheme): \(metrics)")
        #expect((sidecar?["scales"] as? [Double])?.allSatisfy { $0.isFinite && $0 > 0 } == true, "\(scheme): \(sidecar ?? [:])")
    }

    /// Case 6: a symlinked output is written through; a device is refused; a newline in the
    /// path gives valid JSON; a sidecar that cannot be written leaves the .npy as it was.
    @Test func writesRespectWhatIsThere() throws {
        let fm = FileManager.default
        let target = dir.appendingPathComponent("real.npy")
        try Data("old".utf8).write(to: target)
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("link.npy").path, withDestinationPath: "real.npy")
        #expect(try quantize(dir.appendingPathComponent("link.npy").path).status == 0)
        #expect(try fm.destinationOfSymbolicLink(atPath: dir.appendingPathComponent("link.npy").path) == "real.npy")
        #expect(try npyData(target).header.contains("'shape': (2,)"), "the link's target was written")

        let device = try Binary.run(["quantize", "--input", input.path, "--output", "/dev/null", "--format", "int8"])
        #expect(device.status == 1 && device.stderr == "Error: /dev/null: is a character device, not a regular file; refusing to replace it (give a file path)\n",
                Comment(rawValue: device.stderr))

        let newline = dir.appendingPathComponent("a\nb.npy")
        #expect(try quantize(newline.path).status == 0)
        let json = try Data(contentsOf: dir.appendingPathComponent("a\nb.json"))
        let object = try JSONSerialization.jsonObject(with: json) as? [String: Any]
        #expect(object?["output"] as? String == newline.path)

        try Data("old".utf8).write(to: dir.appendingPathComponent("kept.npy"))
        try fm.createDirectory(at: dir.appendingPathComponent("kept.json"), withIntermediateDirectories: true)
        let blocked = try quantize(dir.appendingPathComponent("kept.npy").path)
        #expect(blocked.status == 1 && blocked.stderr.contains("kept.json: is a directory"), Comment(rawValue: blocked.stderr))
        #expect(try Data(contentsOf: dir.appendingPathComponent("kept.npy")) == Data("old".utf8), "the .npy was not replaced")
    }

    /// Case 7: each refused argument is a usage error (64) on one line saying why.
    @Test func argumentChecks() throws {
        let out = dir.appendingPathComponent("o.npy").path
        let cases: [(String, [String], String)] = [
            ("int4 with 16 bits", ["quantize", "--input", input.path, "--output", out, "--format", "int4", "--bits", "16"],
             "Error: --bits 16 conflicts with --format int4 (4-bit codes); use --bits 2...4 or a wider format"),
            ("negative bits", ["quantize", "--input", input.path, "--output", out, "--format", "int8", "--bits", "-3"],
             "Error: --bits -3 is outside 2...16"),
            ("unknown section", ["run", "nosuch", "--profile", "quick"], "Error: unknown section 'nosuch'; known sections: "),
            ("threads", ["run", "formats", "--threads", "100000"], "Error: --threads 100000 is more than the "),
            ("root", ["run", "formats", "--root", dir.appendingPathComponent("nonexistent").path], "Error: --root "),
            ("root without a package", ["report", "--root", dir.path], "Error: --root \(dir.path) is not a QuantLab project root"),
        ]
        for (label, arguments, message) in cases {
            let r = try Binary.run(arguments)
            #expect(r.status == 64, "\(label): \(r.status) \(r.stderr)")
            #expect(r.stderr.hasPrefix(message) && r.stderr.split(separator: "\n").count == 1, "\(label): \(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("nonexistent").path), "--root created nothing")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("data").path), "--root created nothing")
    }

    @Test func explainSaysWhenParsingLostTheNumber() throws {
        let over = try Binary.run(["explain", "1e999", "--format", "fp32"])
        #expect(over.status == 0)
        #expect(over.stdout.hasPrefix("note: 1e999 overflows a double (largest 1.7976931348623157e+308); shown as +∞\n"), Comment(rawValue: over.stdout))
        let under = try Binary.run(["explain", "1e-400", "--format", "fp32"])
        #expect(under.stdout.hasPrefix("note: 1e-400 underflows a double (smallest 5e-324); shown as 0\n"), Comment(rawValue: under.stdout))
        #expect(!(try Binary.run(["explain", "0.375", "--format", "fp32"]).stdout.contains("note:")))
    }
}
