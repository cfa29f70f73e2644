import Foundation

/// Where a panel's plot area is taken: data marks and labels, sampled as points every 3 pt, so
/// that a legend or a label can be placed where it covers the least.
enum DataOccupancy {
    /// Points (in figure coordinates) where the panel draws data, sampled every few points along
    /// lines and over filled areas: what a legend must not cover.
    ///
    /// - Parameters:
    ///   - texts: Labels already placed; those centred inside the plot count as occupied too.
    static func points(_ p: PreparedPanel, _ xMap: AxisMapping, _ yMap: AxisMapping, plot: Rect, texts: [PlacedText]) -> [Point] {
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
}
