import ArgumentParser
import Charts

/// `quantlab gallery`: renders every chart kind from fixed example data.
struct GalleryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gallery",
        abstract: "Render every chart kind from fixed example data as PNG and SVG.")

    @Option(help: "Directory to write the figures into (created if missing).")
    var output = "figures/gallery"

    func run() throws {
        let results = try Gallery.render(into: output)
        for result in results {
            print("wrote \(result.pngPath), \(result.svgPath)")
            for warning in result.warnings { print("  note: \(warning)") }
            for note in result.notes { print("  \(note)") }
        }
    }
}
