import Foundation
import Testing

/// End-to-end runs of the built `quantlab` binary: `run`, `sections` and `env`.
@Suite struct ResultsCommandsTests {
    /// Runs `quantlab` with `arguments`; returns exit status, stdout and stderr.
    private func quantlab(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let output = try Binary.run(arguments)
        return (output.status, output.stdout, output.stderr)
    }

    @Test func unknownSectionIsOneLineListingKnownOnes() throws {
        let result = try quantlab(["run", "nosuch", "--profile", "quick"])
        // A usage error since issue 16 (case 7): 64, like every other bad argument (was 1).
        #expect(result.status == 64)
        #expect(result.err.hasPrefix("Error: unknown section 'nosuch'; known sections: "))
        #expect(result.err.split(separator: "\n").count == 1)
    }

    @Test func badArgumentsAreUsageErrors() throws {
        #expect(try quantlab(["run"]).status == 64, "no section named")
        #expect(try quantlab(["run", "x", "--threads", "0"]).status == 64)
        #expect(try quantlab(["run", "x", "--profile", "huge"]).status == 64)
    }

    @Test func sectionsPrintsTheSeedItJudgesAgainst() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("quantlab-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try quantlab(["sections", "--root", root.path, "--profile", "quick"])
        #expect(result.status == 0)
        #expect(result.out.hasPrefix("judged against profile quick, seed 20261123 (default)\n"))
    }

    /// Without --profile both profiles are judged, full first; each keeps its own results.
    @Test func sectionsListsBothProfilesByDefault() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("quantlab-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try quantlab(["sections", "--root", root.path])
        #expect(result.status == 0)
        let banners = result.out.split(separator: "\n").filter { $0.hasPrefix("judged against") }
        #expect(banners == ["judged against profile full, seed 20261123 (default)", "judged against profile quick, seed 20261123 (default)"])
        #expect(try quantlab(["sections", "--ids"]).out == "formats\nmatmul\nlinreg\nvision\nencoder\ndecoder\n")
    }

    @Test func envPrintsTheRecordedFields() throws {
        let table = try quantlab(["env"])
        #expect(table.status == 0)
        for field in ["CPU ", "CPU flags", "logical cores", "OS ", "Swift compiler", "OpenBLAS ", "oneDNN "] {
            #expect(table.out.contains(field), "row \(field)")
        }
        let json = try quantlab(["env", "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any]
        #expect(object?["cores"] as? Int ?? 0 >= 1)
    }
}
