/// A piece of text with its position decided: baseline origin, font, rotation and the box it covers.
struct PlacedText {
    var text: String
    /// Start of the baseline (before rotation).
    var origin: Point
    var size: Double
    var bold: Bool = false
    var color: Color = .ink
    /// Rotation about `origin` in radians; −π/2 reads upwards.
    var angle: Double = 0
    var box: Rect
    /// A fill behind the text's box, so labels inside the plot stay legible over data.
    var background: Color? = nil

    /// Text whose baseline starts at `origin`, unrotated.
    static func horizontal(_ text: String, origin: Point, size: Double, bold: Bool = false, color: Color = .ink, measure: TextMeasurer) -> PlacedText {
        let m = measure.metrics(size: size, bold: bold)
        let w = measure.width(text, size: size, bold: bold)
        return PlacedText(
            text: text, origin: origin, size: size, bold: bold, color: color,
            box: Rect(x: origin.x, y: origin.y - m.ascent, width: w, height: m.height))
    }

    /// Text reading upwards, its box's left edge at `left` and centred vertically on `centerY`.
    static func vertical(_ text: String, left: Double, centerY: Double, size: Double, measure: TextMeasurer) -> PlacedText {
        let m = measure.metrics(size: size)
        let w = measure.width(text, size: size)
        return PlacedText(
            text: text, origin: Point(x: left + m.ascent, y: centerY + w / 2), size: size, angle: -Double.pi / 2,
            box: Rect(x: left, y: centerY - w / 2, width: m.height, height: w))
    }
}
