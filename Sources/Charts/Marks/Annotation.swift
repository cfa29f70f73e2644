/// Text placed next to a data point, with a small dot marking the point.
public struct Annotation: Sendable, Hashable {
    public var text: String
    public var x: Double
    public var y: Double
    /// Offset of the text's left baseline from the point, in points (y grows upwards here).
    public var dx: Double
    public var dy: Double
    public var showsPoint: Bool

    public init(_ text: String, x: Double, y: Double, dx: Double = 5, dy: Double = 5, showsPoint: Bool = true) {
        self.text = text
        self.x = x
        self.y = y
        self.dx = dx
        self.dy = dy
        self.showsPoint = showsPoint
    }
}
