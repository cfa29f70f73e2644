import Charts
import Foundation
import Report
import Records
import Testing

/// `RenderedFigure.writeFiles(to:)`: a figure's PNG and SVG written with the one atomic writer.
@Suite struct FigureFilesTests {
    /// A thick line through (0, 0), (10, 10), (20, 0), no markers, no legend.
    static let zigzag = Figure(altText: "zigzag", panel: Panel(legend: .hidden, marks: [
        .line(Line(x: [0, 10, 20], y: [0, 10, 0], style: SeriesStyle(color: Palette.color(1)), markers: false, width: 4)),
    ]))

    /// Files are written next to each other, atomically, with no temporary file left behind,
    /// and hold exactly the rendered bytes.
    @Test func writesPngAndSvgFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("figure-files-test-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let rendered = try ChartRenderer().renderInMemory(Self.zigzag)
        try rendered.writeFiles(to: directory.appendingPathComponent("zigzag"))
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(files == ["zigzag.png", "zigzag.svg"])
        #expect(try Array(Data(contentsOf: directory.appendingPathComponent("zigzag.png"))) == rendered.png)
        let svg = try String(contentsOf: directory.appendingPathComponent("zigzag.svg"), encoding: .utf8)
        #expect(svg.contains("<desc"))
    }

    /// A directory that cannot be created (under /proc, even for root) is an error, not a crash.
    @Test func writeToUnwritableDirectoryThrows() throws {
        let rendered = try ChartRenderer().renderInMemory(Self.zigzag)
        #expect(throws: ResultsError.self) {
            try rendered.writeFiles(to: URL(fileURLWithPath: "/proc/no-such-dir/zigzag"))
        }
    }
}
