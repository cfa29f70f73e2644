/// Lays out one panel inside its grid cell: plot area and axis mappings, tick labels, axis and
/// panel titles, colour bar, labels inside the plot and the legend, and the margins all that
/// needs around the plot area.
struct PanelLayouter {
    /// The panel as specified.
    let spec: Panel
    /// The panel with its data prepared (bad values skipped, shapes built).
    let panel: PreparedPanel
    /// Whether the panel shows its x tick labels and title (see `PanelGrid.showsX`).
    let showsX: Bool
    /// Whether the panel shows its y tick labels and title (see `PanelGrid.showsY`).
    let showsY: Bool
    let measure: TextMeasurer

    /// The panel's geometry within `cell` using `margins`, and the margins it needs.
    func geometry(
        cell: Rect, margins: Margins, domain: (x: ClosedRange<Double>, y: ClosedRange<Double>), legendOutside: Bool
    ) -> (PanelGeometry, Margins) {
        let p = panel
        let tickLabels = TickLabelPlacer(measure: measure)
        let plot = Rect(
            x: cell.x + margins.left, y: cell.y + margins.top,
            width: max(cell.width - margins.left - margins.right, 10), height: max(cell.height - margins.top - margins.bottom, 10))
        let xMap = AxisMapping(scale: p.xScale, domain: domain.x, start: plot.minX, end: plot.maxX)
        let yMap = p.yScale.isCategorical
            ? AxisMapping(scale: p.yScale, domain: domain.y, start: plot.minY, end: plot.maxY)
            : AxisMapping(scale: p.yScale, domain: domain.y, start: plot.maxY, end: plot.minY)
        let labelFont = measure.metrics(size: Theme.axisLabelSize)
        var other: [PlacedText] = []
        var need = Margins()

        // x tick labels
        let xAxis = tickLabels.xAxis(p.xScale, mapping: xMap, plot: plot, show: showsX, integer: spec.x.integerTicks)
        var bottom = plot.maxY + Theme.tickLength
        if let lowest = xAxis.boxes.map(\.box.maxY).max() { bottom = lowest }
        if let label = spec.x.displayLabel, showsX {
            let w = measure.width(label, size: Theme.axisLabelSize)
            other.append(.horizontal(label, origin: Point(x: plot.midX - w / 2, y: bottom + Theme.axisLabelGap + labelFont.ascent), size: Theme.axisLabelSize, measure: measure))
            bottom += Theme.axisLabelGap + labelFont.height
        }
        need.bottom = bottom - plot.maxY + 2

        // y tick labels
        let yAxis = tickLabels.yAxis(p.yScale, mapping: yMap, plot: plot, show: showsY, integer: spec.y.integerTicks)
        var left = plot.minX - Theme.tickLength
        if let leftmost = yAxis.boxes.map(\.box.minX).min() { left = leftmost }
        if let label = spec.y.displayLabel, showsY {
            left -= Theme.axisLabelGap + labelFont.height
            other.append(.vertical(label, left: left, centerY: plot.midY, size: Theme.axisLabelSize, measure: measure))
        }
        need.left = plot.minX - left + 1
        // The first x label may hang out past the left edge of the plot.
        if let first = xAxis.boxes.first { need.left = max(need.left, plot.minX - first.box.minX + 1) }

        // Top: panel title, and half of the top y label poking above the plot.
        var top = plot.minY - 4
        if let highest = yAxis.boxes.map(\.box.minY).min() { top = min(top, highest - 1) }
        if let panelTitle = spec.title {
            let m = measure.metrics(size: Theme.panelTitleSize, bold: true)
            let w = measure.width(panelTitle, size: Theme.panelTitleSize, bold: true)
            let t = PlacedText.horizontal(panelTitle, origin: Point(x: plot.midX - w / 2, y: plot.minY - 5 - m.descent), size: Theme.panelTitleSize, bold: true, measure: measure)
            other.append(t)
            top = min(top, t.box.minY - 1)
        }
        need.top = plot.minY - top

        // Right: the last x label's overhang, the colour bar, an outside legend.
        var right = plot.maxX + 4
        if let last = xAxis.boxes.last { right = max(right, last.box.maxX + 1) }
        var colorBar: Rect?
        var colorBarTicks: AxisTicks?
        var colorBarMapping: AxisMapping?
        if let scale = p.colorScale {
            let bar = Rect(x: plot.maxX + Theme.colorBarGap, y: plot.minY, width: Theme.colorBarWidth, height: plot.height)
            colorBar = bar
            let map = AxisMapping(scale: .linear, domain: scale.range, start: bar.maxY, end: bar.minY)
            let ticks = AxisTicks.make(scale: .linear, domain: scale.range, count: max(3, Int(bar.height / 45) + 1))
            colorBarTicks = ticks
            colorBarMapping = map
            var barRight = bar.maxX + Theme.tickLength + Theme.tickLabelGap
            var widest = 0.0
            for (v, s) in zip(ticks.major, ticks.labels) {
                let t = PlacedText.horizontal(s, origin: Point(x: barRight, y: map.pixel(v) + 0.365 * Theme.tickLabelSize), size: Theme.tickLabelSize, measure: measure)
                other.append(t)
                widest = max(widest, t.box.width)
            }
            barRight += widest
            if let label = scale.label {
                other.append(.vertical(label, left: barRight + Theme.axisLabelGap, centerY: bar.midY, size: Theme.axisLabelSize, measure: measure))
                barRight += Theme.axisLabelGap + labelFont.height
            }
            right = max(right, barRight + 2)
        }

        let inner = PlotLabelPlacer(measure: measure).place(p, xMap, yMap, plot: plot, data: DataOccupancy.points(p, xMap, yMap, plot: plot, texts: []))

        // Legend
        var legend: LegendLayout?
        let entries = spec.legend == .hidden ? [] : p.legendEntries
        if !entries.isEmpty {
            let size = LegendSize(entries, measure: measure)
            var box: Rect?
            if !legendOutside {
                box = LegendPlacer.insideBox(size: size, plot: plot, occupied: DataOccupancy.points(p, xMap, yMap, plot: plot, texts: inner))
            }
            if let box {
                legend = LegendLayout(box: box, outside: false, labels: entries.map(\.label))
            } else {
                let x = (colorBar != nil ? right : plot.maxX) + 8
                let outsideBox = Rect(x: x, y: plot.minY, width: size.width, height: size.height)
                legend = LegendLayout(box: outsideBox, outside: true, labels: entries.map(\.label))
                if legendOutside { right = max(right, outsideBox.maxX + 2) }
            }
        }
        need.right = right - plot.maxX

        other += inner

        let layout = PanelLayout(
            plotArea: plot, x: xMap, y: yMap, xTicks: xAxis.ticks, yTicks: yAxis.ticks,
            xTickLabels: xAxis.boxes, yTickLabels: yAxis.boxes, legend: legend, colorBar: colorBar,
            otherText: other.map(\.box))
        return (PanelGeometry(layout: layout, texts: xAxis.texts + yAxis.texts + other, colorBarTicks: colorBarTicks, colorBarMapping: colorBarMapping, legendEntries: entries), need)
    }
}
