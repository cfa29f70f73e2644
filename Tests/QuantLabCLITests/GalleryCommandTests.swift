import Foundation
import Testing
@testable import QuantLabCLI

/// `quantlab gallery` parses its option and writes a PNG and an SVG per gallery figure.
@Suite struct GalleryCommandTests {
    @Test func defaultOutputIsFiguresGallery() throws {
        let command = try GalleryCommand.parse([])
        #expect(command.output == "figures/gallery")
    }

    @Test func writesEveryFigure() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gallery-cli-\(ProcessInfo.processInfo.processIdentifier)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let command = try GalleryCommand.parse(["--output", directory])
        try command.run()
        let files = try FileManager.default.contentsOfDirectory(atPath: directory)
        #expect(files.filter { $0.hasSuffix(".png") }.count == files.filter { $0.hasSuffix(".svg") }.count)
        #expect(files.contains("loglog-bands.png") && files.contains("heatmap.svg"))
    }
}
