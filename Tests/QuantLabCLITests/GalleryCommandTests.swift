import Foundation
import Testing

/// `quantlab gallery`, run as the built binary: writes a PNG and an SVG per gallery figure.
@Suite struct GalleryCommandTests {
    @Test func helpNamesTheDefaultDirectory() throws {
        let output = try Binary.run(["gallery", "--help"])
        #expect(output.status == 0)
        #expect(output.stdout.contains("figures/gallery"))
    }

    @Test func writesEveryFigure() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("gallery-cli-\(ProcessInfo.processInfo.processIdentifier)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let output = try Binary.run(["gallery", "--output", directory])
        #expect(output.status == 0, "stderr: \(output.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory)
        let png = files.filter { $0.hasSuffix(".png") }
        #expect(!png.isEmpty && png.count == files.filter { $0.hasSuffix(".svg") }.count)
        #expect(files.contains("loglog-bands.png") && files.contains("heatmap.svg"))
        #expect(output.stdout.components(separatedBy: "wrote ").count - 1 == png.count)
    }

    @Test func unwritableDirectoryFailsWithOneLine() throws {
        let output = try Binary.run(["gallery", "--output", "/proc/no-such-dir/gallery"])
        #expect(output.status != 0)
        #expect(output.stderr.hasPrefix("Error: ") && output.stderr.split(separator: "\n").count == 1, "stderr: \(output.stderr)")
    }
}
