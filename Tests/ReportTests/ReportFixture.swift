import Foundation
import Report

/// A throw-away report tree in a temporary directory: `report/src/` templates, `figures/` SVGs.
struct ReportFixture {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("report-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: figures, withIntermediateDirectories: true)
    }

    var templates: URL { root.appendingPathComponent("report/src", isDirectory: true) }
    var figures: URL { root.appendingPathComponent("figures", isDirectory: true) }
    var reportFile: URL { root.appendingPathComponent("report/quantization.md") }

    /// Writes a template file.
    func template(_ name: String, _ text: String) throws {
        try text.write(to: templates.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    /// Writes a small Cairo-like SVG (prologue, a glyph symbol with an id, a use of it).
    func svg(_ name: String, title: String? = nil) throws {
        let text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40pt" height="30pt" viewBox="0 0 40 30">
            \(title.map { "<title>\($0)</title>" } ?? "")<defs><symbol overflow="visible" id="glyph-0-1"><path d="M 1 1 L 2 2"/></symbol></defs>
            <use xlink:href="#glyph-0-1" x="1" y="2"/>
            </svg>

            """
        try text.write(to: figures.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    /// A builder over this fixture's templates.
    func builder(_ chapters: [Chapter], appendix: Appendix? = nil) -> ReportBuilder {
        ReportBuilder(title: "Quantization", templateDirectory: templates, chapters: chapters, appendix: appendix)
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}

/// The description of the `ReportError` that `body` throws, or a note that it threw none.
func errorText(_ body: () throws -> Void) -> String {
    do {
        try body()
        return "no error"
    } catch {
        return "\(error)"
    }
}
