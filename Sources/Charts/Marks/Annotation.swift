/// Text placed next to a data point, with a small dot marking the point.
public struct Annotation: Sendable, Hashable {
    /// The text to draw.
    public var text: String
    /// Data x of the annotated point.
    public var x: Double
    /// Data y of the annotated point.
    public var y: Double
    /// Offset of the text's left baseline from the point, in points (y grows upwards here).
    public var dx: Double
    /// Vertical offset in points (positive is up).
    public var dy: Double
    /// Whether to draw a small dot at the point.
    public var showsPoint: Bool

    /// Text at data point (x, y), offset by (dx, dy) points; flipped to the other side when it would leave the plot.
    public init(_ text: String, x: Double, y: Double, dx: Double = 5, dy: Double = 5, showsPoint: Bool = true) {
        self.text = text
        self.x = x
        self.y = y
        self.dx = dx
        self.dy = dy
        self.showsPoint = showsPoint
    }
}
