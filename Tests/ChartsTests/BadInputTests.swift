import Testing
import Charts

/// Empty series, non-finite values and values a log axis cannot place.
@Suite struct BadInputTests {
    @Test func emptySeriesIsReportedAndTheRestDraws() throws {
        let figure = Figure(altText: "empty", panel: Panel(marks: [
            .line(Line("nothing", x: [], y: [])),
            .line(Line("something", x: [0, 1], y: [0, 1])),
        ]))
        let rendered = try ChartRenderer().renderInMemory(figure)
        #expect(rendered.warnings == [ChartWarning(panel: 0, series: "series “nothing”", kind: .emptySeries)])
        #expect(rendered.layout.panels[0].legend?.labels == ["something"])
    }

    /// A panel with nothing at all still draws axes over a default domain.
    @Test func panelWithNoDataDrawsEmptyAxes() throws {
        let figure = Figure(altText: "nothing", panel: Panel(marks: [.scatter(Scatter(x: [.nan], y: [1]))]))
        let rendered = try ChartRenderer().renderInMemory(figure)
        #expect(rendered.layout.panels[0].x.domain == 0...1)
        #expect(rendered.skippedNonFinite == 1)
    }

    @Test func infinitiesAreSkippedAndCounted() throws {
        let figure = Figure(altText: "inf", panel: Panel(marks: [
            .scatter(Scatter("s", x: [1, 2, 3, .infinity, 5], y: [1, -.infinity, 3, 4, .nan])),
            .band(Band("b", x: [1, 2, 3], lower: [0, .nan, 0], upper: [1, 1, 1])),
        ]))
        let rendered = try ChartRenderer().renderInMemory(figure)
        #expect(rendered.skippedNonFinite == 4)
        // The y domain comes from finite values only.
        #expect(rendered.layout.panels[0].y.domain.upperBound < 10)
    }

    /// Values ≤ 0 on a log axis are dropped with a warning that says how many.
    @Test func nonPositiveOnLogAxisIsDroppedWithCount() throws {
        let figure = Figure(altText: "log", panel: Panel(y: Axis(scale: .log10), marks: [
            .line(Line("errors", x: [1, 2, 3, 4, 5], y: [1e-3, 0, -2, 1e-2, 1e-1])),
        ]))
        let rendered = try ChartRenderer().renderInMemory(figure)
        #expect(rendered.warnings == [ChartWarning(panel: 0, series: "series “errors”", kind: .nonPositiveOnLogAxis(axis: "y", count: 2))])
        #expect(rendered.warnings[0].description == "panel 0, series “errors”: 2 values ≤ 0 dropped on the log y axis")
        #expect(rendered.droppedNonPositive == 2)
        #expect(rendered.layout.panels[0].y.domain.lowerBound > 0)
    }

    /// When nothing positive remains on a log axis, rendering fails with a one-line error.
    @Test func nothingPositiveOnLogAxisThrows() {
        let figure = Figure(altText: "log", panel: Panel(x: Axis(scale: .log10), marks: [
            .scatter(Scatter("zeros", x: [0, -1, 0], y: [1, 2, 3])),
        ]))
        #expect(throws: ChartError.nothingPositiveOnLogAxis(panel: 0, axis: "x", dropped: 3)) {
            try ChartRenderer().renderInMemory(figure)
        }
        let message = ChartError.nothingPositiveOnLogAxis(panel: 0, axis: "x", dropped: 3).description
        #expect(!message.contains("\n"))
    }

    /// Histograms skip non-finite values and state their rule: Freedman–Diaconis on 1…100
    /// has IQR 75.25 − 25.75 = 49.5, h = 2·49.5/100^(1/3) = 21.33, so ⌈99/21.33⌉ = 5 bins.
    @Test func histogramStatesItsRule() throws {
        let values = (1...100).map(Double.init) + [.nan]
        #expect(BinRule.freedmanDiaconis.edges(for: Array(values.dropLast())).count == 6)
        #expect(BinRule.sturges.edges(for: Array(values.dropLast())).count == 9, "⌈log2 100⌉ + 1 = 8 bins")
        let figure = Figure(altText: "hist", panel: Panel(marks: [.histogram(Histogram("h", values: values))]))
        let rendered = try ChartRenderer().renderInMemory(figure)
        #expect(rendered.skippedNonFinite == 1)
        #expect(rendered.notes.count == 1)
        #expect(rendered.notes[0].contains("5 bins") && rendered.notes[0].contains("Freedman–Diaconis"))
        #expect(rendered.svg.contains("Freedman–Diaconis"))
    }
}
