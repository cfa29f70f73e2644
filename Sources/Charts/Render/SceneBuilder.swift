import Foundation

/// Turns a laid-out figure into draw operations: grid, data layers (clipped to the plot area),
/// frame, ticks, text, colour bars and legends.
struct SceneBuilder {
    let figure: Figure
    let panels: [PreparedPanel]
    let geometries: [PanelGeometry]
    let title: [PlacedText]
    let measure: TextMeasurer

    func build() -> [DrawOp] {
        var ops: [DrawOp] = [.path([.rect(Rect(x: 0, y: 0, width: figure.width, height: figure.height))], stroke: nil, fill: .white)]
        for i in panels.indices {
            ops += panelOps(i)
        }
        ops += title.map { .text($0) }
        return ops
    }

    private func panelOps(_ i: Int) -> [DrawOp] {
        let p = panels[i]
        let g = geometries[i]
        let layout = g.layout
        let plot = layout.plotArea
        let spec = figure.panels[i]
        var ops: [DrawOp] = []
        let isHeatmap = p.colorScale != nil

        // Grid lines at major ticks of numeric axes.
        let gridStroke = Stroke(color: .grid, width: Theme.gridWidth)
        if spec.x.grid && !p.xScale.isCategorical && !isHeatmap {
            for v in layout.xTicks.major {
                let x = layout.x.pixel(v)
                ops.append(.path([.move(Point(x: x, y: plot.minY)), .line(Point(x: x, y: plot.maxY))], stroke: gridStroke, fill: nil))
            }
        }
        if spec.y.grid && !p.yScale.isCategorical && !isHeatmap {
            for v in layout.yTicks.major {
                let y = layout.y.pixel(v)
                ops.append(.path([.move(Point(x: plot.minX, y: y)), .line(Point(x: plot.maxX, y: y))], stroke: gridStroke, fill: nil))
            }
        }

        // Data, clipped to the plot area, in stacking order.
        ops.append(.pushClip(plot))
        let ordered = p.shapes.enumerated().sorted { ($0.element.layer, $0.offset) < ($1.element.layer, $1.offset) }
        for (_, shape) in ordered {
            ops += shapeOps(shape, layout)
        }
        ops.append(.popClip)

        // Frame and ticks.
        ops.append(.path([.rect(plot)], stroke: Stroke(color: .ink, width: Theme.frameWidth), fill: nil))
        let tickStroke = Stroke(color: .ink, width: Theme.frameWidth)
        var tickPath: [PathElement] = []
        for v in layout.xTicks.major {
            let x = layout.x.pixel(v)
            tickPath += [.move(Point(x: x, y: plot.maxY)), .line(Point(x: x, y: plot.maxY + Theme.tickLength))]
        }
        for v in layout.xTicks.minor {
            let x = layout.x.pixel(v)
            tickPath += [.move(Point(x: x, y: plot.maxY)), .line(Point(x: x, y: plot.maxY + Theme.minorTickLength))]
        }
        for v in layout.yTicks.major {
            let y = layout.y.pixel(v)
            tickPath += [.move(Point(x: plot.minX, y: y)), .line(Point(x: plot.minX - Theme.tickLength, y: y))]
        }
        for v in layout.yTicks.minor {
            let y = layout.y.pixel(v)
            tickPath += [.move(Point(x: plot.minX, y: y)), .line(Point(x: plot.minX - Theme.minorTickLength, y: y))]
        }
        if !tickPath.isEmpty { ops.append(.path(tickPath, stroke: tickStroke, fill: nil)) }

        // Colour bar.
        if let bar = layout.colorBar, let scale = p.colorScale, let ticks = g.colorBarTicks, let map = g.colorBarMapping {
            // 65 stops: between them viridis is close to linear (within about 0.5/255 per channel).
            let stops = (0...64).map { scale.colormap.color(at: Double($0) / 64) }
            ops.append(.verticalGradient(bar, stops))
            var path: [PathElement] = []
            for v in ticks.major {
                let y = map.pixel(v)
                path += [.move(Point(x: bar.maxX, y: y)), .line(Point(x: bar.maxX + Theme.tickLength, y: y))]
            }
            path.append(.rect(bar))
            ops.append(.path(path, stroke: Stroke(color: .ink, width: Theme.frameWidth), fill: nil))
        }

        ops += g.texts.map { .text($0) }
        if let legend = layout.legend { ops += legendOps(legend, entries: g.legendEntries) }
        return ops
    }

    // MARK: Shapes

    private func point(_ layout: PanelLayout, _ x: Double, _ y: Double) -> Point {
        let py = layout.y.pixel(y)
        // −∞ (a bar base on a log axis) maps below the plot area; the clip trims it.
        return Point(x: layout.x.pixel(x), y: py.isFinite ? py : layout.plotArea.maxY + 2)
    }

    private func rect(_ layout: PanelLayout, _ d: DataRect) -> Rect {
        let a = point(layout, d.x0, d.y0)
        let b = point(layout, d.x1, d.y1)
        return Rect(x: min(a.x, b.x), y: min(a.y, b.y), width: abs(b.x - a.x), height: abs(b.y - a.y))
    }

    /// Rounds to the PNG's device pixels (half points) so adjacent cells share exact edges.
    private func snapped(_ r: Rect) -> Rect {
        let s = { (v: Double) in (v * 2).rounded() / 2 }
        let x0 = s(r.minX)
        let y0 = s(r.minY)
        return Rect(x: x0, y: y0, width: s(r.maxX) - x0, height: s(r.maxY) - y0)
    }

    private func shapeOps(_ shape: PreparedShape, _ layout: PanelLayout) -> [DrawOp] {
        var ops: [DrawOp] = []
        let plot = layout.plotArea
        switch shape {
        case .cells(let cells, let showValues):
            for c in cells {
                let r = snapped(rect(layout, c.rect))
                ops.append(.path([.rect(r)], stroke: nil, fill: c.color))
                if showValues {
                    let text = TickLabelFormat.compact((c.value * 100).rounded() / 100)
                    let w = measure.width(text, size: Theme.annotationSize)
                    let ink: Color = c.color.luminance > 0.45 ? .black : .white
                    ops.append(.text(.horizontal(
                        text, origin: Point(x: r.midX - w / 2, y: r.midY + 0.365 * Theme.annotationSize),
                        size: Theme.annotationSize, color: ink, measure: measure)))
                }
            }
        case .band(let segments, let color):
            for run in segments where !run.isEmpty {
                var path: [PathElement] = [.move(point(layout, run[0].x, run[0].high))]
                for v in run.dropFirst() { path.append(.line(point(layout, v.x, v.high))) }
                for v in run.reversed() { path.append(.line(point(layout, v.x, v.low))) }
                path.append(.close)
                ops.append(.path(path, stroke: nil, fill: color))
            }
        case .bars(let rects, let color, let hatch):
            for d in rects {
                let r = rect(layout, d)
                ops.append(.path([.rect(r)], stroke: Stroke(color: .white, width: 0.5), fill: color))
                ops += SceneBuilder.hatching(hatch, in: r)
            }
        case .reference(let line):
            let color = line.color ?? .reference
            let stroke = Stroke(color: color, width: 1, dash: line.dash.unitLengths.map { $0 * 1.2 })
            if line.orientation == .vertical {
                let x = layout.x.pixel(line.value)
                ops.append(.path([.move(Point(x: x, y: plot.minY)), .line(Point(x: x, y: plot.maxY))], stroke: stroke, fill: nil))
            } else {
                let y = layout.y.pixel(line.value)
                ops.append(.path([.move(Point(x: plot.minX, y: y)), .line(Point(x: plot.maxX, y: y))], stroke: stroke, fill: nil))
            }
        case .polyline(let segments, let style, let width, let markerPoints):
            let stroke = Stroke(
                color: style.color, width: width, dash: style.dash.unitLengths.map { $0 * width },
                roundCaps: style.dash == .dotted)
            for run in segments where run.count >= 2 {
                var path: [PathElement] = [.move(point(layout, run[0].x, run[0].y))]
                for q in run.dropFirst() { path.append(.line(point(layout, q.x, q.y))) }
                ops.append(.path(path, stroke: stroke, fill: nil))
            }
            // A run of one point has no line: always mark it so it is not lost.
            let lone = segments.filter { $0.count == 1 }.flatMap { $0 }
            for q in (markerPoints.isEmpty ? lone : markerPoints) {
                ops.append(SceneBuilder.marker(style.marker, at: point(layout, q.x, q.y), size: 5.5, color: style.color))
            }
        case .errorBars(let intervals, let color, let cap):
            var path: [PathElement] = []
            for v in intervals {
                let lo = point(layout, v.x, v.low)
                let hi = point(layout, v.x, v.high)
                path += [
                    .move(lo), .line(hi),
                    .move(Point(x: lo.x - cap, y: lo.y)), .line(Point(x: lo.x + cap, y: lo.y)),
                    .move(Point(x: hi.x - cap, y: hi.y)), .line(Point(x: hi.x + cap, y: hi.y)),
                ]
            }
            if !path.isEmpty { ops.append(.path(path, stroke: Stroke(color: color, width: 1.1), fill: nil)) }
        case .markers(let points, let style, let size):
            for q in points {
                ops.append(SceneBuilder.marker(style.marker, at: point(layout, q.x, q.y), size: size, color: style.color.withAlpha(0.9)))
            }
        case .annotation(let note):
            if note.showsPoint {
                ops.append(.path([.circle(point(layout, note.x, note.y), radius: 2)], stroke: nil, fill: .ink))
            }
        }
        return ops
    }

    /// A marker of `size` points centred on `c`: filled shapes with a thin white edge (so
    /// overlapping markers stay apart), cross and plus as strokes.
    static func marker(_ shape: MarkerShape, at c: Point, size: Double, color: Color) -> DrawOp {
        let r = size / 2
        func polygon(_ pts: [(Double, Double)]) -> [PathElement] {
            var path: [PathElement] = [.move(Point(x: c.x + pts[0].0, y: c.y + pts[0].1))]
            for q in pts.dropFirst() { path.append(.line(Point(x: c.x + q.0, y: c.y + q.1))) }
            path.append(.close)
            return path
        }
        let edge = Stroke(color: .white, width: 0.5)
        let h = 0.866 // cos 30°
        switch shape {
        case .circle:
            return .path([.circle(c, radius: r)], stroke: edge, fill: color)
        case .square:
            let s = r * 0.9
            return .path([.rect(Rect(x: c.x - s, y: c.y - s, width: 2 * s, height: 2 * s))], stroke: edge, fill: color)
        case .triangleUp:
            let t = r * 1.25
            return .path(polygon([(0, -t), (t * h, t * 0.5), (-t * h, t * 0.5)]), stroke: edge, fill: color)
        case .triangleDown:
            let t = r * 1.25
            return .path(polygon([(0, t), (t * h, -t * 0.5), (-t * h, -t * 0.5)]), stroke: edge, fill: color)
        case .diamond:
            let t = r * 1.25
            return .path(polygon([(0, -t), (t * 0.75, 0), (0, t), (-t * 0.75, 0)]), stroke: edge, fill: color)
        case .star:
            let outer = r * 1.35
            let inner = outer * 0.45
            let pts = (0..<10).map { k -> (Double, Double) in
                let a = -Double.pi / 2 + Double(k) * Double.pi / 5
                let rr = k % 2 == 0 ? outer : inner
                return (rr * cos(a), rr * sin(a))
            }
            return .path(polygon(pts), stroke: edge, fill: color)
        case .cross:
            let t = r * 0.9
            return .path([
                .move(Point(x: c.x - t, y: c.y - t)), .line(Point(x: c.x + t, y: c.y + t)),
                .move(Point(x: c.x - t, y: c.y + t)), .line(Point(x: c.x + t, y: c.y - t)),
            ], stroke: Stroke(color: color, width: 1.4), fill: nil)
        case .plus:
            let t = r * 1.1
            return .path([
                .move(Point(x: c.x - t, y: c.y)), .line(Point(x: c.x + t, y: c.y)),
                .move(Point(x: c.x, y: c.y - t)), .line(Point(x: c.x, y: c.y + t)),
            ], stroke: Stroke(color: color, width: 1.4), fill: nil)
        }
    }

    /// White lines across `r` in `pattern`, 4 pt apart, clipped to `r`. The lines are laid on a
    /// grid anchored at the figure origin, so neighbouring bars' hatching lines up.
    static func hatching(_ pattern: HatchPattern, in r: Rect) -> [DrawOp] {
        guard pattern != .none, r.width > 0, r.height > 0 else { return [] }
        let spacing = 4.0
        var path: [PathElement] = []
        func diagonals(_ slope: Double) {
            // Lines y = slope·x + c for c on the grid, covering the rectangle.
            let cs = [r.minY - slope * r.minX, r.minY - slope * r.maxX, r.maxY - slope * r.minX, r.maxY - slope * r.maxX]
            var c = (cs.min()! / spacing).rounded(.down) * spacing
            while c <= cs.max()! {
                path += [.move(Point(x: r.minX, y: slope * r.minX + c)), .line(Point(x: r.maxX, y: slope * r.maxX + c))]
                c += spacing
            }
        }
        switch pattern {
        case .none: break
        case .diagonal: diagonals(-1)
        case .backDiagonal: diagonals(1)
        case .cross:
            diagonals(-1)
            diagonals(1)
        case .horizontal:
            var y = (r.minY / spacing).rounded(.up) * spacing
            while y < r.maxY {
                path += [.move(Point(x: r.minX, y: y)), .line(Point(x: r.maxX, y: y))]
                y += spacing
            }
        }
        return [.pushClip(r), .path(path, stroke: Stroke(color: Color.white.withAlpha(0.75), width: 0.8), fill: nil), .popClip]
    }

    // MARK: Legend

    private func legendOps(_ legend: LegendLayout, entries: [LegendEntry]) -> [DrawOp] {
        let box = legend.box
        var ops: [DrawOp] = [.path([.rect(box)], stroke: Stroke(color: Color(hex: 0xCCCCCC), width: 0.6), fill: Color.white.withAlpha(0.9))]
        let m = measure.metrics(size: Theme.legendSize)
        let rowHeight = m.height + 2
        for (k, entry) in entries.enumerated() {
            let rowTop = box.minY + Theme.legendPadding + Double(k) * rowHeight
            let midY = rowTop + m.height / 2
            let x0 = box.minX + Theme.legendPadding
            let x1 = x0 + Theme.legendSwatch
            switch entry.swatch {
            case .line(let style, let width, let marker):
                let stroke = Stroke(color: style.color, width: width, dash: style.dash.unitLengths.map { $0 * width }, roundCaps: style.dash == .dotted)
                ops.append(.path([.move(Point(x: x0, y: midY)), .line(Point(x: x1, y: midY))], stroke: stroke, fill: nil))
                if marker { ops.append(SceneBuilder.marker(style.marker, at: Point(x: (x0 + x1) / 2, y: midY), size: 5.5, color: style.color)) }
            case .marker(let style):
                ops.append(SceneBuilder.marker(style.marker, at: Point(x: (x0 + x1) / 2, y: midY), size: 5.5, color: style.color))
            case .patch(let color, let hatch):
                let h = m.height * 0.8
                let swatch = Rect(x: x0 + 2, y: midY - h / 2, width: Theme.legendSwatch - 4, height: h)
                ops.append(.path([.rect(swatch)], stroke: nil, fill: color))
                ops += SceneBuilder.hatching(hatch, in: swatch)
            }
            ops.append(.text(.horizontal(entry.label, origin: Point(x: x1 + 5, y: rowTop + m.ascent), size: Theme.legendSize, measure: measure)))
        }
        return ops
    }
}
