import ArgumentParser
import ChartGallery
import Charts
import Foundation
import Report

/// `quantlab gallery`: renders every chart kind from fixed example data.
struct GalleryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gallery",
        abstract: "Render every chart kind from fixed example data as PNG and SVG.")

    @Option(help: "Directory to write the figures into (created if missing).")
    var output = "figures/gallery"

    func run() throws {
        let renderer = ChartRenderer()
        for entry in Gallery.figures {
            let base = (output as NSString).appendingPathComponent(entry.name)
            let result = try renderer.renderInMemory(entry.figure)
            try result.writeFiles(to: URL(fileURLWithPath: base))
            print("wrote \(base).png, \(base).svg")
            for warning in result.warnings { print("  note: \(warning)") }
            for note in result.notes { print("  \(note)") }
        }
    }
}
