/// Places the labels that sit inside a plot area: reference-line labels and annotations.
struct PlotLabelPlacer {
    let measure: TextMeasurer

    /// Labels of reference lines and annotation texts. A reference label takes the candidate
    /// spot (ends of the line, either side) that covers the fewest data samples, then steps
    /// down past labels already placed.
    func place(_ p: PreparedPanel, _ xMap: AxisMapping, _ yMap: AxisMapping, plot: Rect, data: [Point]) -> [PlacedText] {
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
