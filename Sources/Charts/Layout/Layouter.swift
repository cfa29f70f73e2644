import Foundation

/// Lays out a figure: domains, grid cells, margins measured from the actual tick labels, tick
/// thinning or rotation so labels never overlap, legend placement, and every text position.
///
/// Margins depend on tick labels and tick labels on the plot size, so margins are grown until
/// the labels of the resulting plot areas fit (they only grow, so this ends in a few rounds).
/// Plot areas line up: a grid column shares left and right margins, a row top and bottom ones.
struct Layouter {
    let figure: Figure
    let panels: [PreparedPanel]
    let measure: TextMeasurer

    var rows: Int { (panels.count + columns - 1) / columns }
    var columns: Int { max(1, min(figure.columns, panels.count)) }

    func row(_ i: Int) -> Int { i / columns }
    func column(_ i: Int) -> Int { i % columns }
    /// Whether panel i shows x tick labels and title (with shared x, only the lowest in its column).
    func showsX(_ i: Int) -> Bool { !figure.sharedX || i + columns >= panels.count }
    /// Whether panel i shows y tick labels and title (with shared y, only the left column).
    func showsY(_ i: Int) -> Bool { !figure.sharedY || column(i) == 0 }

    // MARK: Domains

    /// The data extent of `values`, or nil when empty.
    static func extent(_ values: [Double]) -> ClosedRange<Double>? {
        guard let lo = values.min(), let hi = values.max() else { return nil }
        return lo...hi
    }

    static func union(_ a: ClosedRange<Double>?, _ b: ClosedRange<Double>?) -> ClosedRange<Double>? {
        guard let a else { return b }
        guard let b else { return a }
        return min(a.lowerBound, b.lowerBound)...max(a.upperBound, b.upperBound)
    }

    /// The domain shown for an axis: fixed limits, else the extent with 5 % padding in
    /// transformed space (none on a sticky zero), with degenerate extents widened.
    static func domain(axis: Axis, scale: Scale, extent: ClosedRange<Double>?, stickyZero: Bool) -> ClosedRange<Double> {
        if case .categorical(let names) = scale { return 0...Double(max(names.count, 1)) }
        if let limits = axis.limits, limits.upperBound > limits.lowerBound,
           !scale.isLogarithmic || limits.lowerBound > 0 {
            return limits
        }
        guard let e = extent else { return scale.isLogarithmic ? 1...10 : 0...1 }
        let (lo, hi) = (e.lowerBound, e.upperBound)
        if lo == hi {
            switch scale {
            case .log10: return lo / 10.0.squareRoot()...lo * 10.0.squareRoot()
            case .log2: return lo / 2...lo * 2
            default: return lo == 0 ? -1...1 : (lo - 0.1 * abs(lo))...(lo + 0.1 * abs(lo))
            }
        }
        let t0 = scale.transform(lo)
        let t1 = scale.transform(hi)
        let pad = 0.05 * (t1 - t0)
        let newLo = stickyZero && lo == 0 ? 0 : scale.inverse(t0 - pad)
        let newHi = stickyZero && hi == 0 ? 0 : scale.inverse(t1 + pad)
        return newLo...newHi
    }

    /// Domains of every panel, with shared axes unified over all panels.
    func domains() -> [(x: ClosedRange<Double>, y: ClosedRange<Double>)] {
        var xExtents = panels.map { Layouter.extent($0.xValues) }
        var yExtents = panels.map { Layouter.extent($0.yValues) }
        // Shared axes span every panel (matplotlib's sharex/sharey=True), so all panels compare.
        if figure.sharedX {
            let u = xExtents.reduce(nil, Layouter.union)
            xExtents = xExtents.map { _ in u }
        }
        if figure.sharedY {
            let u = yExtents.reduce(nil, Layouter.union)
            yExtents = yExtents.map { _ in u }
        }
        return panels.indices.map { i in
            let spec = figure.panels[i]
            let p = panels[i]
            let sticky = figure.sharedY ? panels.contains { $0.stickyZeroY } : p.stickyZeroY
            return (
                Layouter.domain(axis: spec.x, scale: p.xScale, extent: xExtents[i], stickyZero: false),
                Layouter.domain(axis: spec.y, scale: p.yScale, extent: yExtents[i], stickyZero: sticky && !p.yScale.isLogarithmic)
            )
        }
    }

    // MARK: Grid

    /// The figure title, centred; a title wider than the figure wraps at spaces onto more
    /// lines, so it is never clipped.
    func titleLines() -> [PlacedText] {
        guard let title = figure.title else { return [] }
        let room = figure.width - 2 * Theme.outerPadding
        let size = Theme.titleSize
        var lines: [String] = []
        var current = ""
        for word in title.split(separator: " ") {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if !current.isEmpty && measure.width(candidate, size: size, bold: true) > room {
                lines.append(current)
                current = String(word)
            } else {
                current = candidate
            }
        }
        if !current.isEmpty { lines.append(current) }
        let m = measure.metrics(size: size, bold: true)
        return lines.enumerated().map { k, line in
            let w = measure.width(line, size: size, bold: true)
            return .horizontal(
                line, origin: Point(x: max(Theme.outerPadding, (figure.width - w) / 2), y: Theme.outerPadding + m.ascent + Double(k) * m.height),
                size: size, bold: true, measure: measure)
        }
    }

    func cells(below title: [PlacedText]) -> [Rect] {
        let top = (title.last.map { $0.box.maxY + 6 } ?? Theme.outerPadding)
        let area = Rect(
            x: Theme.outerPadding, y: top, width: figure.width - 2 * Theme.outerPadding,
            height: figure.height - top - Theme.outerPadding)
        let w = (area.width - Double(columns - 1) * Theme.panelGap) / Double(columns)
        let h = (area.height - Double(rows - 1) * Theme.panelGap) / Double(rows)
        return panels.indices.map { i in
            Rect(x: area.x + Double(column(i)) * (w + Theme.panelGap), y: area.y + Double(row(i)) * (h + Theme.panelGap), width: w, height: h)
        }
    }

    // MARK: Whole figure

    func layout() -> (FigureLayout, [PanelGeometry], [PlacedText]) {
        let title = titleLines()
        let cells = cells(below: title)
        let domains = domains()
        var legendOutside = figure.panels.map { $0.legend == .outsideRight }
        var geometries: [PanelGeometry] = []
        var margins = [Margins](repeating: Margins(left: 20, right: 6, top: 4, bottom: 16), count: panels.count)
        for _ in 0..<2 {
            // Grow aligned margins until what the panels need fits in what they got.
            for _ in 0..<8 {
                var needed = margins
                geometries = []
                for i in panels.indices {
                    let (g, need) = panelGeometry(i, cell: cells[i], margins: margins[i], domain: domains[i], legendOutside: legendOutside[i])
                    geometries.append(g)
                    needed[i] = need
                }
                let aligned = align(needed, previous: margins)
                if aligned == margins { break }
                margins = aligned
            }
            // A `.best` legend that covers data in every corner moves outside; margins then change.
            var moved = false
            for i in panels.indices where figure.panels[i].legend == .best && !legendOutside[i] {
                if let legend = geometries[i].layout.legend, legend.outside {
                    legendOutside[i] = true
                    moved = true
                }
            }
            if !moved { break }
        }
        let titleBox = title.isEmpty ? nil : title.dropFirst().reduce(title[0].box) { union, line in
            let minX = min(union.minX, line.box.minX)
            let maxX = max(union.maxX, line.box.maxX)
            return Rect(x: minX, y: union.minY, width: maxX - minX, height: line.box.maxY - union.minY)
        }
        let layout = FigureLayout(width: figure.width, height: figure.height, title: titleBox, panels: geometries.map(\.layout))
        return (layout, geometries, title)
    }

    /// Per-column left/right and per-row top/bottom maxima, never below the previous margins.
    func align(_ needed: [Margins], previous: [Margins]) -> [Margins] {
        var out = previous
        for i in panels.indices {
            let sameColumn = panels.indices.filter { column($0) == column(i) }
            let sameRow = panels.indices.filter { row($0) == row(i) }
            out[i].left = max(previous[i].left, sameColumn.map { needed[$0].left }.max()!)
            out[i].right = max(previous[i].right, sameColumn.map { needed[$0].right }.max()!)
            out[i].top = max(previous[i].top, sameRow.map { needed[$0].top }.max()!)
            out[i].bottom = max(previous[i].bottom, sameRow.map { needed[$0].bottom }.max()!)
        }
        return out
    }

    // MARK: One panel

    /// The geometry of panel `i` within `cell` using `margins`, and the margins it needs.
    func panelGeometry(
        _ i: Int, cell: Rect, margins: Margins, domain: (x: ClosedRange<Double>, y: ClosedRange<Double>), legendOutside: Bool
    ) -> (PanelGeometry, Margins) {
        let spec = figure.panels[i]
        let p = panels[i]
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
        let xAxis = xTickLayout(p.xScale, mapping: xMap, plot: plot, show: showsX(i))
                var bottom = plot.maxY + Theme.tickLength
        if let lowest = xAxis.boxes.map(\.box.maxY).max() { bottom = lowest }
        if let label = spec.x.label, showsX(i) {
            let w = measure.width(label, size: Theme.axisLabelSize)
            other.append(.horizontal(label, origin: Point(x: plot.midX - w / 2, y: bottom + Theme.axisLabelGap + labelFont.ascent), size: Theme.axisLabelSize, measure: measure))
            bottom += Theme.axisLabelGap + labelFont.height
        }
        need.bottom = bottom - plot.maxY + 2

        // y tick labels
        let yAxis = yTickLayout(p.yScale, mapping: yMap, plot: plot, show: showsY(i))
                var left = plot.minX - Theme.tickLength
        if let leftmost = yAxis.boxes.map(\.box.minX).min() { left = leftmost }
        if let label = spec.y.label, showsY(i) {
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

        let inner = referenceAndAnnotationTexts(p, xMap, yMap, plot: plot, data: occupancy(p, xMap, yMap, plot: plot, texts: []))

        // Legend
        var legend: LegendLayout?
        let entries = spec.legend == .hidden ? [] : p.legendEntries
        if !entries.isEmpty {
            let size = legendSize(entries)
            var box: Rect?
            if !legendOutside {
                box = LegendPlacer.insideBox(size: size, plot: plot, occupied: occupancy(p, xMap, yMap, plot: plot, texts: inner))
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

    // MARK: Ticks

    struct TickLayout {
        var ticks: AxisTicks
        var boxes: [TickLabelBox]
        var texts: [PlacedText]
    }

    /// Category names as ticks at band centres.
    static func categoryTicks(_ names: [String]) -> AxisTicks {
        AxisTicks(major: names.indices.map { Double($0) + 0.5 }, labels: names)
    }

    /// Keeps every k-th tick (for categories too many to label).
    static func thinned(_ ticks: AxisTicks, every k: Int) -> AxisTicks {
        let keep = ticks.major.indices.filter { $0 % k == 0 }
        return AxisTicks(major: keep.map { ticks.major[$0] }, labels: keep.map { ticks.labels[$0] }, minor: ticks.minor)
    }

    func xTickLayout(_ scale: Scale, mapping: AxisMapping, plot: Rect, show: Bool) -> TickLayout {
        let m = measure.metrics(size: Theme.tickLabelSize)
        let top = plot.maxY + Theme.tickLength + Theme.tickLabelGap
        func place(_ ticks: AxisTicks, rotated: Bool) -> TickLayout {
            var boxes: [TickLabelBox] = []
            var texts: [PlacedText] = []
            for (v, s) in zip(ticks.major, ticks.labels) {
                let px = mapping.pixel(v)
                let w = measure.width(s, size: Theme.tickLabelSize)
                if rotated {
                    let box = Rect(x: px + 0.365 * Theme.tickLabelSize - m.ascent, y: top, width: m.height, height: w)
                    boxes.append(TickLabelBox(text: s, value: v, box: box, rotated: true))
                    texts.append(PlacedText(text: s, origin: Point(x: box.minX + m.ascent, y: top + w), size: Theme.tickLabelSize, angle: -Double.pi / 2, box: box))
                } else {
                    let box = Rect(x: px - w / 2, y: top, width: w, height: m.height)
                    boxes.append(TickLabelBox(text: s, value: v, box: box, rotated: false))
                    texts.append(PlacedText(text: s, origin: Point(x: box.minX, y: top + m.ascent), size: Theme.tickLabelSize, box: box))
                }
            }
            return TickLayout(ticks: ticks, boxes: boxes, texts: texts)
        }
        func fits(_ t: TickLayout) -> Bool { !Layouter.overlapsHorizontally(t.boxes.map(\.box)) }
        return chooseTicks(scale, mapping: mapping, length: plot.width, horizontal: true, show: show, place: place, fits: fits)
    }

    func yTickLayout(_ scale: Scale, mapping: AxisMapping, plot: Rect, show: Bool) -> TickLayout {
        let m = measure.metrics(size: Theme.tickLabelSize)
        let right = plot.minX - Theme.tickLength - Theme.tickLabelGap
        func place(_ ticks: AxisTicks, rotated: Bool) -> TickLayout {
            var boxes: [TickLabelBox] = []
            var texts: [PlacedText] = []
            for (v, s) in zip(ticks.major, ticks.labels) {
                // Centre digits on the tick: the baseline sits half a cap height (0.73 em) below it.
                let baseline = mapping.pixel(v) + 0.365 * Theme.tickLabelSize
                let w = measure.width(s, size: Theme.tickLabelSize)
                let box = Rect(x: right - w, y: baseline - m.ascent, width: w, height: m.height)
                boxes.append(TickLabelBox(text: s, value: v, box: box, rotated: false))
                texts.append(PlacedText(text: s, origin: Point(x: box.minX, y: baseline), size: Theme.tickLabelSize, box: box))
            }
            return TickLayout(ticks: ticks, boxes: boxes, texts: texts)
        }
        func fits(_ t: TickLayout) -> Bool { !Layouter.overlapsVertically(t.boxes.map(\.box)) }
        return chooseTicks(scale, mapping: mapping, length: plot.height, horizontal: false, show: show, place: place, fits: fits)
    }

    /// Picks ticks whose labels fit: fewer ticks first (numeric axes), then rotated labels
    /// (x axis only), then every k-th category.
    func chooseTicks(
        _ scale: Scale, mapping: AxisMapping, length: Double, horizontal: Bool, show: Bool,
        place: (AxisTicks, Bool) -> TickLayout, fits: (TickLayout) -> Bool
    ) -> TickLayout {
        let hide = { (t: TickLayout) in show ? t : TickLayout(ticks: t.ticks, boxes: [], texts: []) }
        if case .categorical(let names) = scale {
            let ticks = Layouter.categoryTicks(names)
            let flat = place(ticks, false)
            if fits(flat) || !show { return hide(flat) }
            if horizontal {
                let upright = place(ticks, true)
                if fits(upright) { return upright }
            }
            for k in 2...max(2, names.count) {
                let t = place(Layouter.thinned(ticks, every: k), horizontal)
                if fits(t) { return t }
            }
            return place(Layouter.thinned(ticks, every: max(names.count, 1)), horizontal)
        }
        let start: Int
        if scale.isLogarithmic || { if case .symlog = scale { return true } else { return false } }() {
            start = max(2, Int(length / (horizontal ? 26 : 16)))
        } else {
            start = max(3, min(10, Int((length / (horizontal ? 70 : 45)).rounded()) + 1))
        }
        var last: TickLayout?
        for count in stride(from: start, through: 2, by: -1) {
            let t = place(AxisTicks.make(scale: scale, domain: mapping.domain, count: count), false)
            if fits(t) || !show { return hide(t) }
            last = t
        }
        if horizontal {
            let t = place(AxisTicks.make(scale: scale, domain: mapping.domain, count: 2), true)
            if fits(t) { return t }
        }
        return last!
    }

    /// Whether neighbouring boxes (ordered by position) come closer than `Theme.labelSpacing`.
    static func overlapsHorizontally(_ boxes: [Rect]) -> Bool {
        let sorted = boxes.sorted { $0.minX < $1.minX }
        return zip(sorted, sorted.dropFirst()).contains { $0.maxX + Theme.labelSpacing > $1.minX }
    }

    static func overlapsVertically(_ boxes: [Rect]) -> Bool {
        let sorted = boxes.sorted { $0.minY < $1.minY }
        return zip(sorted, sorted.dropFirst()).contains { $0.maxY + 1 > $1.minY }
    }

    // MARK: Legend

    struct LegendSize {
        var width: Double
        var height: Double
    }

    func legendSize(_ entries: [LegendEntry]) -> LegendSize {
        let m = measure.metrics(size: Theme.legendSize)
        let widest = entries.map { measure.width($0.label, size: Theme.legendSize) }.max() ?? 0
        let rowHeight = m.height + 2
        return LegendSize(
            width: 2 * Theme.legendPadding + Theme.legendSwatch + 5 + widest,
            height: 2 * Theme.legendPadding + Double(entries.count) * rowHeight - 2)
    }

    /// Points (in figure coordinates) where the panel draws data, sampled every few points along
    /// lines and over filled areas: what a legend must not cover.
    func occupancy(_ p: PreparedPanel, _ xMap: AxisMapping, _ yMap: AxisMapping, plot: Rect, texts: [PlacedText]) -> [Point] {
        var out: [Point] = []
        let step = 3.0
        func map(_ x: Double, _ y: Double) -> Point {
            Point(x: xMap.pixel(x), y: yMap.pixel(y).isFinite ? yMap.pixel(y) : plot.maxY)
        }
        func sampleSegment(_ a: Point, _ b: Point) {
            let n = max(1, Int((hypot(b.x - a.x, b.y - a.y) / step).rounded(.up)))
            for k in 0...n {
                let t = Double(k) / Double(n)
                out.append(Point(x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t))
            }
        }
        func sampleRect(_ r: Rect) {
            var y = r.minY
            while y <= r.maxY {
                var x = r.minX
                while x <= r.maxX {
                    out.append(Point(x: x, y: y))
                    x += step
                }
                out.append(Point(x: r.maxX, y: y))
                y += step
            }
        }
        func rect(_ d: DataRect) -> Rect {
            let a = map(d.x0, d.y0)
            let b = map(d.x1, d.y1)
            return Rect(x: min(a.x, b.x), y: min(a.y, b.y), width: abs(b.x - a.x), height: abs(b.y - a.y))
        }
        for shape in p.shapes {
            switch shape {
            case .cells(let cells, _):
                for c in cells { sampleRect(rect(c.rect)) }
            case .band(let segments, _):
                for run in segments {
                    for (a, b) in zip(run, run.dropFirst()) {
                        let pa = (lo: map(a.x, a.low), hi: map(a.x, a.high))
                        let pb = (lo: map(b.x, b.low), hi: map(b.x, b.high))
                        let n = max(1, Int((abs(pb.lo.x - pa.lo.x) / step).rounded(.up)))
                        for k in 0...n {
                            let t = Double(k) / Double(n)
                            let x = pa.lo.x + (pb.lo.x - pa.lo.x) * t
                            sampleSegment(
                                Point(x: x, y: pa.lo.y + (pb.lo.y - pa.lo.y) * t),
                                Point(x: x, y: pa.hi.y + (pb.hi.y - pa.hi.y) * t))
                        }
                    }
                    if run.count == 1 { sampleSegment(map(run[0].x, run[0].low), map(run[0].x, run[0].high)) }
                }
            case .bars(let rects, _, _):
                for r in rects { sampleRect(rect(r)) }
            case .reference(let line):
                if line.orientation == .vertical {
                    let x = xMap.pixel(line.value)
                    sampleSegment(Point(x: x, y: plot.minY), Point(x: x, y: plot.maxY))
                } else {
                    let y = yMap.pixel(line.value)
                    sampleSegment(Point(x: plot.minX, y: y), Point(x: plot.maxX, y: y))
                }
            case .polyline(let segments, _, _, _):
                for run in segments {
                    let points = run.map { map($0.x, $0.y) }
                    for (a, b) in zip(points, points.dropFirst()) { sampleSegment(a, b) }
                    if points.count == 1 { out.append(points[0]) }
                }
            case .errorBars(let intervals, _, _):
                for v in intervals { sampleSegment(map(v.x, v.low), map(v.x, v.high)) }
            case .markers(let points, _, let size):
                for q in points {
                    let c = map(q.x, q.y)
                    out.append(c)
                    for (dx, dy) in [(1.0, 0.0), (-1, 0), (0, 1), (0, -1)] {
                        out.append(Point(x: c.x + dx * size / 2, y: c.y + dy * size / 2))
                    }
                }
            case .annotation(let note):
                out.append(map(note.x, note.y))
            }
        }
        for t in texts where plot.contains(Point(x: t.box.midX, y: t.box.midY)) {
            sampleRect(t.box)
        }
        return out.filter { plot.contains($0) }
    }

    // MARK: Labels inside the plot

    /// Labels of reference lines and annotation texts. A reference label takes the candidate
    /// spot (ends of the line, either side) that covers the fewest data samples, then steps
    /// down past labels already placed.
    func referenceAndAnnotationTexts(_ p: PreparedPanel, _ xMap: AxisMapping, _ yMap: AxisMapping, plot: Rect, data: [Point]) -> [PlacedText] {
        var placed: [PlacedText] = []
        let m = measure.metrics(size: Theme.annotationSize)
        for shape in p.shapes {
            switch shape {
            case .reference(let line):
                guard let label = line.label else { continue }
                let w = measure.width(label, size: Theme.annotationSize)
                let color = line.color ?? .reference
                var origins: [Point]
                if line.orientation == .vertical {
                    let x = xMap.pixel(line.value)
                    let right = x + 3
                    let left = x - 3 - w
                    let top = plot.minY + 3 + m.ascent
                    let bottom = plot.maxY - 3 - m.descent
                    origins = [Point(x: right, y: top), Point(x: left, y: top), Point(x: right, y: bottom), Point(x: left, y: bottom)]
                } else {
                    let y = yMap.pixel(line.value)
                    let above = y - 3 - m.descent
                    let below = y + 3 + m.ascent
                    let right = plot.maxX - 4 - w
                    let left = plot.minX + 4
                    origins = [Point(x: right, y: above), Point(x: left, y: above), Point(x: right, y: below), Point(x: left, y: below)]
                }
                let candidates = origins
                    .map { PlacedText.horizontal(label, origin: $0, size: Theme.annotationSize, color: color, measure: measure) }
                    .filter { plot.insetBy(1).contains($0.box) }
                let cost = { (t: PlacedText) in data.filter { t.box.insetBy(-1).contains($0) }.count }
                guard var text = candidates.min(by: { cost($0) < cost($1) }) else { continue }
                while placed.contains(where: { $0.box.intersects(text.box) }) && text.box.maxY + m.height < plot.maxY {
                    text.origin.y += m.height + 1
                    text.box.y += m.height + 1
                }
                text.background = Color.white.withAlpha(0.8)
                placed.append(text)
            case .annotation(let note):
                let w = measure.width(note.text, size: Theme.annotationSize)
                let px = xMap.pixel(note.x)
                let py = yMap.pixel(note.y)
                var x = px + note.dx
                var y = py - note.dy
                if x + w > plot.maxX - 2 { x = px - abs(note.dx) - w }
                if y - m.ascent < plot.minY + 1 { y = py + abs(note.dy) + m.ascent }
                var text = PlacedText.horizontal(note.text, origin: Point(x: x, y: y), size: Theme.annotationSize, measure: measure)
                text.background = Color.white.withAlpha(0.8)
                placed.append(text)
            default:
                continue
            }
        }
        return placed
    }
}
