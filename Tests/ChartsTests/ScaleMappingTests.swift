import Testing
import Charts

/// Data-to-figure mapping per scale, against positions worked out by hand.
@Suite struct ScaleMappingTests {
    /// Tolerance: the mapping is a few floating-point operations on values of order 100.
    let tolerance = 1e-9

    @Test func linear() {
        let m = AxisMapping(scale: .linear, domain: 0...10, start: 100, end: 300)
        #expect(abs(m.pixel(0) - 100) < tolerance)
        #expect(abs(m.pixel(2.5) - 150) < tolerance)
        #expect(abs(m.pixel(10) - 300) < tolerance)
        #expect(abs(m.value(atPixel: 150) - 2.5) < tolerance)
    }

    /// A y axis runs upwards: start is the bottom edge.
    @Test func linearYAxisIsInverted() {
        let m = AxisMapping(scale: .linear, domain: -1...1, start: 200, end: 0)
        #expect(abs(m.pixel(0) - 100) < tolerance)
        #expect(abs(m.pixel(1) - 0) < tolerance)
    }

    /// log10 over [1, 1000] on 300 pt: each decade takes 100 pt; 2 sits at log10(2)·100.
    @Test func log10() {
        let m = AxisMapping(scale: .log10, domain: 1...1000, start: 0, end: 300)
        #expect(abs(m.pixel(10) - 100) < tolerance)
        #expect(abs(m.pixel(100) - 200) < tolerance)
        #expect(abs(m.pixel(2) - 30.10299956639812) < tolerance)
        #expect(abs(m.value(atPixel: 150) - 31.622776601683793) < 1e-9)
        #expect(m.pixel(0).isNaN || m.pixel(0).isInfinite, "log of 0 cannot be placed")
    }

    /// log2 over [1, 16] on 400 pt: 100 pt per doubling.
    @Test func log2() {
        let m = AxisMapping(scale: .log2, domain: 1...16, start: 0, end: 400)
        #expect(abs(m.pixel(2) - 100) < tolerance)
        #expect(abs(m.pixel(8) - 300) < tolerance)
    }

    /// symlog with c = 1 over [−99, 99]: t(±99) = ±log10(100) = ±2, so 0 is the centre,
    /// 9 (t = 1) is a quarter of the way from the centre, and the map is odd.
    @Test func symlog() {
        let m = AxisMapping(scale: .symlog(linearThreshold: 1), domain: -99...99, start: 0, end: 400)
        #expect(abs(m.pixel(0) - 200) < tolerance)
        #expect(abs(m.pixel(9) - 300) < tolerance)
        #expect(abs(m.pixel(-9) - 100) < tolerance)
        #expect(abs(m.value(atPixel: 300) - 9) < 1e-9)
    }

    /// Four categories on 200 pt: bands of 50 pt, centres at 25, 75, 125, 175.
    @Test func categorical() {
        let m = AxisMapping(scale: .categorical(["a", "b", "c", "d"]), domain: 0...4, start: 0, end: 200)
        for i in 0..<4 {
            #expect(abs(m.pixel(category: i) - (25 + 50 * Double(i))) < tolerance, "category \(i)")
        }
    }

    /// In a rendered bar chart, the categorical x axis has the bars' categories and band centres.
    @Test func barsUseBandScale() throws {
        let figure = Figure(altText: "bars", panel: Panel(marks: [
            .groupedBars(GroupedBars(categories: ["a", "b", "c"], series: [BarSeries(values: [1, 2, 3])])),
        ]))
        let panel = try ChartRenderer().layout(figure).panels[0]
        #expect(panel.x.domain == 0...3)
        #expect(panel.xTicks.labels == ["a", "b", "c"])
        let width = panel.plotArea.width
        #expect(abs(panel.x.pixel(category: 1) - panel.plotArea.midX) < tolerance, "band centre of b, plot width \(width)")
        // Bars stand on 0: the y domain starts exactly there.
        #expect(panel.y.domain.lowerBound == 0)
    }
}
