import ChartGallery
import Foundation
import Testing
import Charts

/// The layout of every gallery figure against recorded files in `Tests/Golden/charts/`.
///
/// Geometry depends on DejaVu Sans's metrics, so the files hold for this machine's fonts
/// (fonts-dejavu-core). After an intended layout change, re-record with
/// `CHARTS_RECORD_GOLDEN=1 swift test --filter GoldenLayoutTests` and review the diff.
@Suite struct GoldenLayoutTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Golden/charts")

    /// A stable text form of a layout: coordinates rounded to 0.01 pt.
    static func dump(_ layout: FigureLayout) -> String {
        func f(_ v: Double) -> String { String(format: "%.2f", v) }
        func r(_ b: Rect) -> String { "(\(f(b.x)), \(f(b.y)), \(f(b.width))×\(f(b.height)))" }
        var lines = ["figure \(f(layout.width))×\(f(layout.height))" + (layout.title.map { " title \(r($0))" } ?? "")]
        for (i, p) in layout.panels.enumerated() {
            lines.append("panel \(i) plot \(r(p.plotArea))")
            for (name, map, ticks, boxes) in [("x", p.x, p.xTicks, p.xTickLabels), ("y", p.y, p.yTicks, p.yTickLabels)] {
                lines.append("  \(name) domain [\(map.domain.lowerBound), \(map.domain.upperBound)] major \(ticks.labels.joined(separator: " | ")) minor \(ticks.minor.count)")
                for b in boxes { lines.append("    \(b.text)\(b.rotated ? " rotated" : "") \(r(b.box))") }
            }
            if let legend = p.legend {
                lines.append("  legend \(legend.outside ? "outside" : "inside") \(r(legend.box)) \(legend.labels.joined(separator: " | "))")
            }
            if let bar = p.colorBar { lines.append("  colour bar \(r(bar))") }
            for box in p.otherText { lines.append("  text \(r(box))") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test(arguments: Gallery.figures.map(\.name))
    func galleryLayoutMatchesRecording(name: String) throws {
        let figure = Gallery.figures.first { $0.name == name }!.figure
        let text = Self.dump(try ChartRenderer().layout(figure))
        let file = Self.directory.appendingPathComponent("\(name).txt")
        if ProcessInfo.processInfo.environment["CHARTS_RECORD_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let recorded = try String(contentsOf: file, encoding: .utf8)
        let got = text.split(separator: "\n", omittingEmptySubsequences: false)
        let want = recorded.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(got.count == want.count, "\(name): \(got.count) lines, recorded \(want.count)")
        for (k, (g, w)) in zip(got, want).enumerated() where g != w {
            Issue.record("\(name) line \(k + 1): got “\(g)”, recorded “\(w)”")
            break
        }
    }
}
