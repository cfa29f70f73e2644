/// The figure title: centred lines, wrapped at spaces so a title wider than the figure is never
/// clipped.
enum FigureTitle {
    /// The title's lines placed at the top of the figure; none when the figure has no title.
    static func lines(_ figure: Figure, measure: TextMeasurer) -> [PlacedText] {
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

    /// The box around all of `lines`, or nil when there are none.
    static func box(_ lines: [PlacedText]) -> Rect? {
        lines.isEmpty ? nil : lines.dropFirst().reduce(lines[0].box) { union, line in
            let minX = min(union.minX, line.box.minX)
            let maxX = max(union.maxX, line.box.maxX)
            return Rect(x: minX, y: union.minY, width: maxX - minX, height: line.box.maxY - union.minY)
        }
    }
}
