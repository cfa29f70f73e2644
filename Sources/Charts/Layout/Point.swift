/// A point in figure space: points (1/72 inch) from the top-left corner, y growing downwards.
public struct Point: Sendable, Hashable {
    /// Horizontal position in points from the left edge.
    public var x: Double
    /// Vertical position in points from the top edge (downwards).
    public var y: Double

    /// A point at (x, y) points.
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}
