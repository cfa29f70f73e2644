/// Filters a panel's marks into drawable shapes: skips non-finite values, drops values a log axis
/// cannot place, resolves default styles in series order and records a warning for each.
struct PanelPreparer {
    let index: Int
    let panel: Panel
    private(set) var warnings: [ChartWarning] = []
    private var result: PreparedPanel
    private var nextSeries = 0
    private var lastStyle: SeriesStyle?
    /// Values dropped for being ≤ 0 on a log axis, per axis.
    private var droppedX = 0
    private var droppedY = 0

    init(index: Int, panel: Panel) {
        self.index = index
        self.panel = panel
        var xScale = panel.x.scale
        var yScale = panel.y.scale
        // Bars and heatmaps put their categories on band scales (documented on `Scale.categorical`).
        for mark in panel.marks {
            switch mark {
            case .groupedBars(let bars): xScale = .categorical(bars.categories)
            case .stackedBars(let bars): xScale = .categorical(bars.categories)
            case .heatmap(let map):
                xScale = .categorical(map.columnLabels)
                yScale = .categorical(map.rowLabels)
            default: break
            }
        }
        result = PreparedPanel(xScale: xScale, yScale: yScale)
    }

    /// Runs the preparation.
    ///
    /// - Throws: `ChartError.nothingPositiveOnLogAxis` when a log axis had values but every one
    ///   of them was ≤ 0.
    mutating func prepare() throws -> PreparedPanel {
        for (position, mark) in panel.marks.enumerated() {
            add(mark, position: position)
        }
        if result.xScale.isLogarithmic && result.xValues.isEmpty && droppedX > 0 {
            throw ChartError.nothingPositiveOnLogAxis(panel: index, axis: "x", dropped: droppedX)
        }
        if result.yScale.isLogarithmic && result.yValues.isEmpty && droppedY > 0 {
            throw ChartError.nothingPositiveOnLogAxis(panel: index, axis: "y", dropped: droppedY)
        }
        return result
    }

    // MARK: Styles

    /// The style of a new series: the given one, or the next default.
    private mutating func seriesStyle(_ given: SeriesStyle?) -> SeriesStyle {
        let style = given ?? .series(nextSeries)
        nextSeries += 1
        lastStyle = style
        return style
    }

    /// The style of a companion mark (band, error bars): the given one, else the latest series'
    /// style, else the style the next series will get, so a band pairs with its line either way.
    private func companionStyle(_ given: SeriesStyle?) -> SeriesStyle {
        given ?? lastStyle ?? .series(nextSeries)
    }

    // MARK: Filtering

    private var xLog: Bool { result.xScale.isLogarithmic }
    private var yLog: Bool { result.yScale.isLogarithmic }

    /// Why a value cannot be placed on an axis, if it cannot.
    private enum Rejection { case nonFinite, nonPositiveX, nonPositiveY }

    private func rejection(x: Double, ys: [Double]) -> Rejection? {
        if !x.isFinite || ys.contains(where: { !$0.isFinite }) { return .nonFinite }
        if xLog && x <= 0 { return .nonPositiveX }
        if yLog && ys.contains(where: { $0 <= 0 }) { return .nonPositiveY }
        return nil
    }

    /// Counts rejections of one series and records them as warnings.
    private struct Tally {
        var nonFinite = 0
        var nonPositiveX = 0
        var nonPositiveY = 0

        mutating func add(_ r: Rejection) {
            switch r {
            case .nonFinite: nonFinite += 1
            case .nonPositiveX: nonPositiveX += 1
            case .nonPositiveY: nonPositiveY += 1
            }
        }
    }

    private mutating func report(_ tally: Tally, series: String) {
        if tally.nonFinite > 0 {
            warnings.append(ChartWarning(panel: index, series: series, kind: .nonFinite(count: tally.nonFinite)))
        }
        if tally.nonPositiveX > 0 {
            droppedX += tally.nonPositiveX
            warnings.append(ChartWarning(panel: index, series: series, kind: .nonPositiveOnLogAxis(axis: "x", count: tally.nonPositiveX)))
        }
        if tally.nonPositiveY > 0 {
            droppedY += tally.nonPositiveY
            warnings.append(ChartWarning(panel: index, series: series, kind: .nonPositiveOnLogAxis(axis: "y", count: tally.nonPositiveY)))
        }
    }

    private mutating func reportEmpty(_ series: String) {
        warnings.append(ChartWarning(panel: index, series: series, kind: .emptySeries))
    }

    /// Splits (x, y) points into runs of placeable points; a rejected point ends the run.
    private mutating func segments(x: [Double], y: [Double], series: String) -> [[DataPoint]] {
        var tally = Tally()
        var runs: [[DataPoint]] = []
        var run: [DataPoint] = []
        for i in x.indices {
            if let r = rejection(x: x[i], ys: [y[i]]) {
                tally.add(r)
                if !run.isEmpty { runs.append(run) }
                run = []
                continue
            }
            run.append(DataPoint(x: x[i], y: y[i]))
            result.xValues.append(x[i])
            result.yValues.append(y[i])
        }
        if !run.isEmpty { runs.append(run) }
        report(tally, series: series)
        return runs
    }

    /// Splits intervals into runs of placeable ones, like `segments`.
    private mutating func intervalRuns(x: [Double], lower: [Double], upper: [Double], series: String) -> [[DataInterval]] {
        var tally = Tally()
        var runs: [[DataInterval]] = []
        var run: [DataInterval] = []
        for i in x.indices {
            if let r = rejection(x: x[i], ys: [lower[i], upper[i]]) {
                tally.add(r)
                if !run.isEmpty { runs.append(run) }
                run = []
                continue
            }
            run.append(DataInterval(x: x[i], low: min(lower[i], upper[i]), high: max(lower[i], upper[i])))
            result.xValues.append(x[i])
            result.yValues.append(contentsOf: [lower[i], upper[i]])
        }
        if !run.isEmpty { runs.append(run) }
        report(tally, series: series)
        return runs
    }

    private func name(_ label: String?, _ kind: String, _ position: Int) -> String {
        label.map { "series “\($0)”" } ?? "\(kind) #\(position)"
    }

    // MARK: Marks

    /// Adds a legend row for a labelled series; unlabelled series stay out of the legend.
    private mutating func addLegend(_ label: String?, _ swatch: LegendSwatch) {
        if let label { result.legendEntries.append(LegendEntry(label: label, swatch: swatch)) }
    }

    private mutating func add(_ mark: Mark, position: Int) {
        switch mark {
        case .line(let line):
            let series = name(line.label, "line", position)
            let style = seriesStyle(line.style)
            if line.x.isEmpty { return reportEmpty(series) }
            let runs = segments(x: line.x, y: line.y, series: series)
            let showMarkers = line.markers ?? (line.x.count <= 30)
            result.shapes.append(.polyline(segments: runs, style: style, width: line.width, markerPoints: showMarkers ? runs.flatMap { $0 } : []))
            addLegend(line.label, .line(style, width: line.width, marker: showMarkers))

        case .scatter(let scatter):
            let series = name(scatter.label, "scatter", position)
            let style = seriesStyle(scatter.style)
            if scatter.x.isEmpty { return reportEmpty(series) }
            let points = segments(x: scatter.x, y: scatter.y, series: series).flatMap { $0 }
            result.shapes.append(.markers(points, style: style, size: scatter.size))
            addLegend(scatter.label, .marker(style))

        case .step(let step):
            let series = name(step.label, "step", position)
            let style = seriesStyle(step.style)
            if step.x.isEmpty { return reportEmpty(series) }
            let runs = segments(x: step.x, y: step.y, series: series).map { stepVertices($0, step.position) }
            result.shapes.append(.polyline(segments: runs, style: style, width: step.width, markerPoints: []))
            addLegend(step.label, .line(style, width: step.width, marker: false))

        case .band(let band):
            let series = name(band.label, "band", position)
            let style = companionStyle(band.style)
            if band.x.isEmpty { return reportEmpty(series) }
            let runs = intervalRuns(x: band.x, lower: band.lower, upper: band.upper, series: series)
            let color = style.color.withAlpha(band.opacity)
            result.shapes.append(.band(segments: runs, color: color))
            addLegend(band.label, .patch(color, .none))

        case .errorBars(let bars):
            let series = name(bars.label, "error bars", position)
            let style = companionStyle(bars.style)
            if bars.x.isEmpty { return reportEmpty(series) }
            let intervals = intervalRuns(x: bars.x, lower: bars.lower, upper: bars.upper, series: series).flatMap { $0 }
            result.shapes.append(.errorBars(intervals, color: style.color, capHalfWidth: 3))
            addLegend(bars.label, .line(SeriesStyle(color: style.color), width: 1.2, marker: false))

        case .groupedBars(let bars):
            addGroupedBars(bars, position: position)

        case .stackedBars(let bars):
            addStackedBars(bars, position: position)

        case .histogram(let histogram):
            addHistogram(histogram, position: position)

        case .heatmap(let map):
            addHeatmap(map, position: position)

        case .referenceLine(let line):
            let isX = line.orientation == .vertical
            let placeable = line.value.isFinite && !((isX ? xLog : yLog) && line.value <= 0)
            guard placeable else {
                let series = "reference line #\(position)"
                let kind: ChartWarning.Kind = line.value.isFinite
                    ? .nonPositiveOnLogAxis(axis: isX ? "x" : "y", count: 1) : .nonFinite(count: 1)
                warnings.append(ChartWarning(panel: index, series: series, kind: kind))
                return
            }
            if isX { result.xValues.append(line.value) } else { result.yValues.append(line.value) }
            result.shapes.append(.reference(line))

        case .annotation(let note):
            guard rejection(x: note.x, ys: [note.y]) == nil else {
                warnings.append(ChartWarning(panel: index, series: "annotation “\(note.text)”", kind: .nonFinite(count: 1)))
                return
            }
            result.xValues.append(note.x)
            result.yValues.append(note.y)
            result.shapes.append(.annotation(note))
        }
    }

    /// The corner points of a step line through `points`.
    private func stepVertices(_ points: [DataPoint], _ position: Step.Position) -> [DataPoint] {
        guard var previous = points.first else { return [] }
        var out = [previous]
        for p in points.dropFirst() {
            switch position {
            case .post:
                out.append(DataPoint(x: p.x, y: previous.y))
            case .pre:
                out.append(DataPoint(x: previous.x, y: p.y))
            case .mid:
                // The midpoint in transformed space, so it looks central on a log axis too.
                let s = result.xScale
                let mid = s.inverse((s.transform(previous.x) + s.transform(p.x)) / 2)
                out.append(DataPoint(x: mid, y: previous.y))
                out.append(DataPoint(x: mid, y: p.y))
            }
            out.append(p)
            previous = p
        }
        return out
    }

    /// Validates one bar value; returns nil (and counts) when it cannot be drawn.
    private func barValue(_ v: Double, _ tally: inout Tally) -> Double? {
        if !v.isFinite {
            tally.add(.nonFinite)
            return nil
        }
        if yLog && v <= 0 {
            tally.add(.nonPositiveY)
            return nil
        }
        return v
    }

    /// The bottom of a bar: 0 on linear axes; on log axes 0 cannot be placed, so bars start at
    /// −∞ and the renderer clamps them to the bottom of the plot area.
    private var barBase: Double { yLog ? -Double.infinity : 0 }

    /// Adds every bar series: `bar(j, i, v)` gives the rectangle of value v in category i of
    /// series j and the value the y domain must reach. Values that cannot be drawn are counted;
    /// error bars are drawn when `withErrors` (grouped bars) and the series has errors.
    private mutating func addBars(
        _ all: [BarSeries], position: Int, withErrors: Bool, bar: (Int, Int, Double) -> (rect: DataRect, reach: Double)
    ) {
        result.stickyZeroY = true
        if !yLog { result.yValues.append(0) }
        for (j, s) in all.enumerated() {
            let series = name(s.label, "bar series", position)
            let style = seriesStyle(s.style)
            if s.values.isEmpty {
                reportEmpty(series)
                continue
            }
            var tally = Tally()
            var rects: [DataRect] = []
            var whiskers: [DataInterval] = []
            for (i, raw) in s.values.enumerated() {
                guard let v = barValue(raw, &tally) else { continue }
                let (r, reach) = bar(j, i, v)
                rects.append(r)
                result.yValues.append(reach)
                if withErrors, let e = s.errors?[i], e.isFinite {
                    let low = v - abs(e)
                    let high = v + abs(e)
                    // On a log axis a lower end ≤ 0 cannot be placed: the bar keeps its upper half.
                    whiskers.append(DataInterval(x: (r.x0 + r.x1) / 2, low: yLog && low <= 0 ? v : low, high: high))
                    result.yValues.append(contentsOf: yLog && low <= 0 ? [high] : [low, high])
                }
            }
            report(tally, series: series)
            result.shapes.append(.bars(rects, color: style.color, hatch: style.hatch))
            if !whiskers.isEmpty {
                result.shapes.append(.errorBars(whiskers, color: Color.ink, capHalfWidth: 2.5))
            }
            addLegend(s.label, .patch(style.color, style.hatch))
        }
    }

    private mutating func addGroupedBars(_ bars: GroupedBars, position: Int) {
        let barWidth = bars.groupWidth / Double(max(bars.series.count, 1))
        let base = barBase
        addBars(bars.series, position: position, withErrors: true) { j, i, v in
            let x0 = Double(i) + 0.5 - bars.groupWidth / 2 + Double(j) * barWidth
            return (DataRect(x0: x0, x1: x0 + barWidth, y0: base, y1: v), v)
        }
    }

    private mutating func addStackedBars(_ bars: StackedBars, position: Int) {
        var positive = [Double](repeating: 0, count: bars.categories.count)
        var negative = [Double](repeating: 0, count: bars.categories.count)
        let base = barBase
        addBars(bars.series, position: position, withErrors: false) { _, i, v in
            let x0 = Double(i) + 0.5 - bars.barWidth / 2
            if v >= 0 {
                let rect = DataRect(x0: x0, x1: x0 + bars.barWidth, y0: positive[i] == 0 ? base : positive[i], y1: positive[i] + v)
                positive[i] += v
                return (rect, positive[i])
            }
            let rect = DataRect(x0: x0, x1: x0 + bars.barWidth, y0: negative[i], y1: negative[i] + v)
            negative[i] += v
            return (rect, negative[i])
        }
    }

    private mutating func addHistogram(_ histogram: Histogram, position: Int) {
        let series = name(histogram.label, "histogram", position)
        let style = seriesStyle(histogram.style)
        if histogram.values.isEmpty { return reportEmpty(series) }
        var tally = Tally()
        var values: [Double] = []
        for v in histogram.values {
            if !v.isFinite {
                tally.add(.nonFinite)
            } else if xLog && v <= 0 {
                tally.add(.nonPositiveX)
            } else {
                values.append(v)
            }
        }
        report(tally, series: series)
        guard !values.isEmpty else { return }
        // On a log x axis, bins are equal in log space: bin the logarithms, then map edges back.
        let transformed = xLog ? values.map(result.xScale.transform) : values
        let tEdges = histogram.bins.edges(for: transformed)
        let counts = BinRule.counts(transformed, edges: tEdges)
        let edges = xLog ? tEdges.map(result.xScale.inverse) : tEdges
        var rects: [DataRect] = []
        for (i, c) in counts.enumerated() where c > 0 {
            let width = edges[i + 1] - edges[i]
            let height = histogram.density ? Double(c) / (Double(values.count) * width) : Double(c)
            rects.append(DataRect(x0: edges[i], x1: edges[i + 1], y0: barBase, y1: height))
            result.yValues.append(height)
        }
        result.xValues.append(contentsOf: [edges.first!, edges.last!])
        result.stickyZeroY = true
        if !yLog { result.yValues.append(0) }
        result.shapes.append(.bars(rects, color: style.color.withAlpha(0.85), hatch: style.hatch))
        addLegend(histogram.label, .patch(style.color.withAlpha(0.85), style.hatch))
        let width = TickLabelFormat.compact(tEdges[1] - tEdges[0])
        result.notes.append(
            "Histogram\(histogram.label.map { " “\($0)”" } ?? ""): \(counts.count) bins of width \(width)\(xLog ? " in log space" : "") by the \(histogram.bins.name) rule, n = \(values.count).")
    }

    private mutating func addHeatmap(_ map: Heatmap, position: Int) {
        var tally = Tally()
        let finite = map.values.flatMap { $0 }.filter(\.isFinite)
        tally.nonFinite = map.values.reduce(0) { $0 + $1.count } - finite.count
        report(tally, series: "heatmap #\(position)")
        var range: ClosedRange<Double>
        if let limits = map.limits {
            range = limits
        } else if let lo = finite.min(), let hi = finite.max() {
            if map.colormap == .diverging {
                let m = max(abs(lo), abs(hi))
                range = -m...m
            } else {
                range = lo...hi
            }
        } else {
            range = 0...1
        }
        if range.upperBound - range.lowerBound == 0 { range = (range.lowerBound - 0.5)...(range.upperBound + 0.5) }
        var cells: [(rect: DataRect, color: Color, value: Double)] = []
        for (r, row) in map.values.enumerated() {
            for (c, v) in row.enumerated() where v.isFinite {
                let t = (v - range.lowerBound) / (range.upperBound - range.lowerBound)
                cells.append((DataRect(x0: Double(c), x1: Double(c + 1), y0: Double(r), y1: Double(r + 1)), map.colormap.color(at: t), v))
            }
        }
        result.shapes.append(.cells(cells, showValues: map.showValues))
        result.colorScale = ColorScale(colormap: map.colormap, range: range, label: map.colorBarLabel)
    }
}
