import ChartGallery
import Testing
import Charts

/// Layout invariants over every gallery figure and a few hard cases.
@Suite struct LayoutTests {
    static let galleryNames = Gallery.figures.map(\.name)

    static func figure(_ name: String) -> Figure {
        Gallery.figures.first { $0.name == name }!.figure
    }

    /// Checks that no two boxes of one axis overlap.
    static func expectNoOverlap(_ boxes: [TickLabelBox], _ label: String) {
        for (i, a) in boxes.enumerated() {
            for b in boxes[(i + 1)...] {
                #expect(!a.box.intersects(b.box), "\(label): “\(a.text)” \(a.box) overlaps “\(b.text)” \(b.box)")
            }
        }
    }

    @Test(arguments: galleryNames)
    func tickLabelsNeverOverlap(name: String) throws {
        let layout = try ChartRenderer().layout(Self.figure(name))
        for (i, panel) in layout.panels.enumerated() {
            Self.expectNoOverlap(panel.xTickLabels, "\(name) panel \(i) x")
            Self.expectNoOverlap(panel.yTickLabels, "\(name) panel \(i) y")
        }
    }

    /// Nothing is clipped: every piece of text and every legend lies inside the figure.
    @Test(arguments: galleryNames)
    func everythingInsideTheFigure(name: String) throws {
        let layout = try ChartRenderer().layout(Self.figure(name))
        let page = Rect(x: 0, y: 0, width: layout.width, height: layout.height)
        if let title = layout.title { #expect(page.contains(title), "\(name): title \(title)") }
        for (i, panel) in layout.panels.enumerated() {
            #expect(page.contains(panel.plotArea), "\(name) panel \(i): plot area \(panel.plotArea)")
            for t in panel.xTickLabels + panel.yTickLabels {
                #expect(page.contains(t.box), "\(name) panel \(i): tick label “\(t.text)” at \(t.box)")
            }
            for box in panel.otherText {
                #expect(page.contains(box), "\(name) panel \(i): text at \(box)")
            }
            if let legend = panel.legend { #expect(page.contains(legend.box), "\(name) panel \(i): legend \(legend.box)") }
        }
    }

    /// Twenty long category names cannot sit side by side: they rotate (or thin) until no two overlap.
    @Test func crowdedCategoriesRotate() throws {
        let names = (0..<20).map { "configuration \($0)" }
        let figure = Figure(altText: "crowded", panel: Panel(marks: [
            .groupedBars(GroupedBars(categories: names, series: [BarSeries(values: names.indices.map(Double.init))])),
        ]))
        let panel = try ChartRenderer().layout(figure).panels[0]
        #expect(panel.xTickLabels.allSatisfy { $0.rotated })
        Self.expectNoOverlap(panel.xTickLabels, "crowded x")
    }

    /// A dense linear axis on a narrow plot: fewer ticks, never overlapping labels.
    @Test func narrowPlotThinsTicks() throws {
        let x = (0..<50).map { Double($0) * 1234.5 }
        let figure = Figure(altText: "narrow", width: 160, height: 160, panel: Panel(marks: [.line(Line(x: x, y: x))]))
        let panel = try ChartRenderer().layout(figure).panels[0]
        #expect(panel.xTickLabels.count >= 2)
        Self.expectNoOverlap(panel.xTickLabels, "narrow x")
        Self.expectNoOverlap(panel.yTickLabels, "narrow y")
    }

    /// A title too long for the figure wraps instead of running off the edges, and the panel
    /// moves down below it.
    @Test func longTitleWraps() throws {
        let title = String(repeating: "A very long figure title ", count: 4)
        let figure = Figure(title: title, altText: "long title", width: 300, height: 200, panel: Panel(marks: [.line(Line(x: [0, 1], y: [0, 1]))]))
        let layout = try ChartRenderer().layout(figure)
        let box = try #require(layout.title)
        #expect(box.minX >= 0 && box.maxX <= 300, "title box \(box)")
        #expect(box.height > 30, "several lines: \(box)")
        #expect(layout.panels[0].plotArea.minY > box.maxY)
    }

    /// Shared x: only the bottom panel shows x tick labels; both panels map x identically.
    @Test func sharedXAxis() throws {
        let layout = try ChartRenderer().layout(Self.figure("shared-x"))
        let (top, bottom) = (layout.panels[0], layout.panels[1])
        #expect(top.xTickLabels.isEmpty)
        #expect(!bottom.xTickLabels.isEmpty)
        #expect(top.x.domain == bottom.x.domain)
        #expect(abs(top.x.pixel(100) - bottom.x.pixel(100)) < 1e-9)
        #expect(abs(top.plotArea.minX - bottom.plotArea.minX) < 1e-9, "plot areas align")
    }

    /// A 2×2 grid sharing both axes: one y domain for all, y labels only in the left column,
    /// x labels only in the bottom row, plot areas aligned by column and row.
    @Test func sharedGrid() throws {
        let layout = try ChartRenderer().layout(Self.figure("small-multiples"))
        let p = layout.panels
        #expect(Set(p.map(\.y.domain)).count == 1)
        #expect(Set(p.map(\.x.domain)).count == 1)
        #expect(!p[0].yTickLabels.isEmpty && p[1].yTickLabels.isEmpty && !p[2].yTickLabels.isEmpty && p[3].yTickLabels.isEmpty)
        #expect(p[0].xTickLabels.isEmpty && p[1].xTickLabels.isEmpty && !p[2].xTickLabels.isEmpty && !p[3].xTickLabels.isEmpty)
        #expect(p[0].plotArea.minX == p[2].plotArea.minX && p[1].plotArea.minX == p[3].plotArea.minX)
        #expect(p[0].plotArea.minY == p[1].plotArea.minY && p[2].plotArea.maxY == p[3].plotArea.maxY)
    }

    /// Points along each line, in figure coordinates, every 1 pt.
    static func samples(_ panel: PanelLayout, x: [Double], y: [Double]) -> [Point] {
        var out: [Point] = []
        for k in 0..<(x.count - 1) {
            let a = panel.point(x: x[k], y: y[k])
            let b = panel.point(x: x[k + 1], y: y[k + 1])
            let n = max(1, Int(((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()))
            for j in 0...n {
                let t = Double(j) / Double(n)
                out.append(Point(x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t))
            }
        }
        return out
    }

    /// A line rising to the upper right leaves the upper-left corner free: the legend goes there
    /// (not in the preferred upper right) and covers none of the line.
    @Test func legendAvoidsData() throws {
        let x = (0...20).map(Double.init)
        let y = x.map { $0 * $0 }
        let figure = Figure(altText: "rising", panel: Panel(marks: [.line(Line("square", x: x, y: y)), .line(Line("half", x: x, y: y.map { $0 / 2 }))]))
        let panel = try ChartRenderer().layout(figure).panels[0]
        let legend = try #require(panel.legend)
        #expect(!legend.outside)
        #expect(legend.labels == ["square", "half"], "entries in series order")
        #expect(legend.box.midX < panel.plotArea.midX && legend.box.midY < panel.plotArea.midY, "upper left, got \(legend.box)")
        for p in Self.samples(panel, x: x, y: y) + Self.samples(panel, x: x, y: y.map { $0 / 2 }) {
            #expect(!legend.box.contains(p), "legend \(legend.box) covers \(p)")
        }
    }

    /// Data in every corner: the legend moves outside, to the right of the plot area.
    @Test func legendMovesOutsideWhenNoRoom() throws {
        let x: [Double] = [0, 1, 0, 1, 0.5, 0, 1, 0.5, 0.5]
        let y: [Double] = [0, 0, 1, 1, 0.5, 0.5, 0.5, 0, 1]
        let figure = Figure(altText: "corners", panel: Panel(marks: [.scatter(Scatter("corners", x: x, y: y, size: 40))]))
        let panel = try ChartRenderer().layout(figure).panels[0]
        let legend = try #require(panel.legend)
        #expect(legend.outside)
        #expect(legend.box.minX >= panel.plotArea.maxX)
    }
}
