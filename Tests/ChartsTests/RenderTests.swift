import ChartGallery
import Foundation
import Testing
@testable import Charts

/// Rendered output: pixel probes on the PNG's pixels, SVG content, determinism. Writing the
/// files is the caller's (`ReportTests.FigureFilesTests`).
@Suite struct RenderTests {
    /// Whether two colours agree to `tolerance` per channel (0...1).
    static func close(_ a: Color, _ b: Color, _ tolerance: Double) -> Bool {
        abs(a.red - b.red) <= tolerance && abs(a.green - b.green) <= tolerance && abs(a.blue - b.blue) <= tolerance
    }

    /// A thick line through (0, 0), (10, 10), (20, 0), no markers, no legend.
    static let zigzag = Figure(altText: "zigzag", panel: Panel(legend: .hidden, marks: [
        .line(Line(x: [0, 10, 20], y: [0, 10, 0], style: SeriesStyle(color: Palette.color(1)), markers: false, width: 4)),
    ]))

    /// On the line (at its known points and midpoints) the pixel has the series colour; well
    /// away from it (the lower middle of the plot) it is the white background.
    @Test func lineHasSeriesColourOnItAndBackgroundAway() throws {
        let rendered = try ChartRenderer().renderInMemory(Self.zigzag)
        let panel = rendered.layout.panels[0]
        let color = Palette.color(1)
        // Tolerance 2/255: the centre of a 4 pt (8 px) line is fully covered; only rounding of
        // the 8-bit channels remains.
        for (x, y) in [(5.0, 5.0), (10, 10), (15, 5), (2.5, 2.5)] {
            let got = rendered.bitmap.color(at: panel.point(x: x, y: y))
            #expect(Self.close(got, color, 2 / 255), "on the line at (\(x), \(y)): \(got)")
        }
        // Probes between grid lines: no major tick within 2 pt of them.
        for (x, y) in [(9.3, 1.3), (10.7, 2.9)] {
            let p = panel.point(x: x, y: y)
            #expect(panel.xTicks.major.allSatisfy { abs(panel.x.pixel($0) - p.x) > 2 }, "probe (\(x), \(y)) clear of x grid")
            #expect(panel.yTicks.major.allSatisfy { abs(panel.y.pixel($0) - p.y) > 2 }, "probe (\(x), \(y)) clear of y grid")
            let got = rendered.bitmap.color(at: p)
            #expect(Self.close(got, .white, 1 / 255), "background at (\(x), \(y)): \(got)")
        }
    }

    /// The PNG is at 2× device scale.
    @Test func pngIsTwiceTheSizeInPoints() throws {
        let rendered = try ChartRenderer().renderInMemory(Self.zigzag)
        #expect(rendered.bitmap.width == 960 && rendered.bitmap.height == 640)
        #expect(rendered.png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "PNG signature")
    }

    /// A NaN splits the line: at the skipped point there is background, not a line drawn
    /// through the gap; the skipped value is counted.
    @Test func nanBreaksTheLine() throws {
        let x = (0...10).map(Double.init)
        var y = [Double](repeating: 5, count: 11)
        y[4] = .nan
        y[5] = .nan
        y[6] = .infinity
        let color = Palette.color(0)
        let figure = Figure(altText: "gap", panel: Panel(y: Axis(limits: 0...10), legend: .hidden, marks: [
            .line(Line("flat", x: x, y: y, style: SeriesStyle(color: color), markers: false, width: 4)),
        ]))
        let rendered = try ChartRenderer().renderInMemory(figure)
        let panel = rendered.layout.panels[0]
        #expect(Self.close(rendered.bitmap.color(at: panel.point(x: 1.5, y: 5)), color, 2 / 255), "line before the gap")
        #expect(Self.close(rendered.bitmap.color(at: panel.point(x: 8.5, y: 5)), color, 2 / 255), "line after the gap")
        #expect(Self.close(rendered.bitmap.color(at: panel.point(x: 5, y: 5)), .white, 1 / 255), "gap at x = 5")
        #expect(rendered.warnings == [ChartWarning(panel: 0, series: "series “flat”", kind: .nonFinite(count: 3))])
        #expect(rendered.skippedNonFinite == 3)
    }

    /// The SVG holds the title and alt text (as <title>/<desc>) and the tick labels (in <desc>,
    /// because Cairo draws text as glyph outlines).
    @Test func svgCarriesTitleAltTextAndTickLabels() throws {
        let figure = Gallery.figures.first { $0.name == "loglog-bands" }!.figure
        let rendered = try ChartRenderer().renderInMemory(figure)
        let svg = rendered.svg
        #expect(svg.contains("<title id=\"figure-title\">Matmul error grows with the inner dimension</title>"))
        #expect(svg.contains("<desc id=\"figure-desc\">" + SVGPostProcessor.escape(figure.altText)))
        #expect(svg.contains("role=\"img\""))
        for label in rendered.layout.panels[0].xTickLabels + rendered.layout.panels[0].yTickLabels {
            #expect(svg.contains(label.text), "tick label \(label.text) in the SVG")
        }
        #expect(svg.contains("1e−3") && svg.contains("10k"))
    }

    /// Same figure twice in one process: byte-identical SVG (after id normalisation) and PNG.
    @Test func rendersAreDeterministic() throws {
        let figure = Gallery.figures.first { $0.name == "histogram" }!.figure
        let a = try ChartRenderer().renderInMemory(figure)
        let b = try ChartRenderer().renderInMemory(figure)
        #expect(a.svg == b.svg)
        #expect(a.png == b.png)
        #expect(a.bitmap == b.bitmap)
    }

    /// Ids are renamed in order of first appearance and references follow.
    @Test func svgIdsAreNormalised() {
        let input = ##"<symbol id="glyph7-3"/><use xlink:href="#glyph7-3"/><clipPath id="clip42"/><g clip-path="url(#clip42)"/><g id="surface99"/>"##
        let output = String(decoding: SVGPostProcessor.normalizeIDs(Array(input.utf8)), as: UTF8.self)
        #expect(output == ##"<symbol id="glyph0"/><use xlink:href="#glyph0"/><clipPath id="clip0"/><g clip-path="url(#clip0)"/><g id="surface0"/>"##)
    }
}
