/// Places tick labels so they never overlap: fewer ticks first (numeric axes), then rotated
/// labels (x axis only), then every k-th category.
struct TickLabelPlacer {
    let measure: TextMeasurer

    /// Ticks with their labels placed: boxes (for overlap checks and the public layout) and texts.
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

    /// The x axis's ticks and labels below `plot`; labels hidden (ticks kept) when `show` is false.
    func xAxis(_ scale: Scale, mapping: AxisMapping, plot: Rect, show: Bool, integer: Bool = false) -> TickLayout {
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
        func fits(_ t: TickLayout) -> Bool { !TickLabelPlacer.overlapsHorizontally(t.boxes.map(\.box)) }
        return chooseTicks(scale, mapping: mapping, length: plot.width, horizontal: true, show: show, integer: integer, place: place, fits: fits)
    }

    /// The y axis's ticks and labels left of `plot`; labels hidden (ticks kept) when `show` is false.
    func yAxis(_ scale: Scale, mapping: AxisMapping, plot: Rect, show: Bool, integer: Bool = false) -> TickLayout {
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
        func fits(_ t: TickLayout) -> Bool { !TickLabelPlacer.overlapsVertically(t.boxes.map(\.box)) }
        return chooseTicks(scale, mapping: mapping, length: plot.height, horizontal: false, show: show, integer: integer, place: place, fits: fits)
    }

    /// Picks ticks whose labels fit: fewer ticks first (numeric axes), then rotated labels
    /// (x axis only), then every k-th category.
    func chooseTicks(
        _ scale: Scale, mapping: AxisMapping, length: Double, horizontal: Bool, show: Bool, integer: Bool = false,
        place: (AxisTicks, Bool) -> TickLayout, fits: (TickLayout) -> Bool
    ) -> TickLayout {
        let hide = { (t: TickLayout) in show ? t : TickLayout(ticks: t.ticks, boxes: [], texts: []) }
        if case .categorical(let names) = scale {
            let ticks = TickLabelPlacer.categoryTicks(names)
            let flat = place(ticks, false)
            if fits(flat) || !show { return hide(flat) }
            if horizontal {
                let upright = place(ticks, true)
                if fits(upright) { return upright }
            }
            for k in 2...max(2, names.count) {
                let t = place(TickLabelPlacer.thinned(ticks, every: k), horizontal)
                if fits(t) { return t }
            }
            return place(TickLabelPlacer.thinned(ticks, every: max(names.count, 1)), horizontal)
        }
        let start: Int
        if scale.isLogarithmic || { if case .symlog = scale { return true } else { return false } }() {
            start = max(2, Int(length / (horizontal ? 26 : 16)))
        } else {
            start = max(3, min(10, Int((length / (horizontal ? 70 : 45)).rounded()) + 1))
        }
        var last: TickLayout?
        for count in stride(from: start, through: 2, by: -1) {
            let t = place(AxisTicks.make(scale: scale, domain: mapping.domain, count: count, integer: integer), false)
            if fits(t) || !show { return hide(t) }
            last = t
        }
        if horizontal {
            let t = place(AxisTicks.make(scale: scale, domain: mapping.domain, count: 2, integer: integer), true)
            if fits(t) { return t }
        }
        return last!
    }

    /// Whether neighbouring boxes (ordered by position) come closer than `Theme.labelSpacing`.
    static func overlapsHorizontally(_ boxes: [Rect]) -> Bool {
        let sorted = boxes.sorted { $0.minX < $1.minX }
        return zip(sorted, sorted.dropFirst()).contains { $0.maxX + Theme.labelSpacing > $1.minX }
    }

    /// Whether vertically neighbouring boxes come closer than 1 pt.
    static func overlapsVertically(_ boxes: [Rect]) -> Bool {
        let sorted = boxes.sorted { $0.minY < $1.minY }
        return zip(sorted, sorted.dropFirst()).contains { $0.maxY + 1 > $1.minY }
    }
}
