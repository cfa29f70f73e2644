/// An axis-aligned rectangle in figure space (points, y growing downwards).
public struct Rect: Sendable, Hashable, CustomStringConvertible {
    /// Horizontal position in points from the left edge.
    public var x: Double
    /// Vertical position in points from the top edge (downwards).
    public var y: Double
    /// Width in points (non-negative).
    public var width: Double
    /// Height in points (non-negative).
    public var height: Double

    /// A rectangle with top-left corner (x, y) and the given size in points.
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// Left edge.
    public var minX: Double { x }
    /// Top edge.
    public var minY: Double { y }
    /// Right edge.
    public var maxX: Double { x + width }
    /// Bottom edge.
    public var maxY: Double { y + height }
    /// Horizontal centre.
    public var midX: Double { x + width / 2 }
    /// Vertical centre.
    public var midY: Double { y + height / 2 }

    /// Whether `p` lies inside or on the edge.
    public func contains(_ p: Point) -> Bool {
        p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY
    }

    /// Whether the interiors of the two rectangles overlap (touching edges do not count).
    public func intersects(_ other: Rect) -> Bool {
        minX < other.maxX && other.minX < maxX && minY < other.maxY && other.minY < maxY
    }

    /// Whether `other` lies entirely inside this rectangle (edges included).
    public func contains(_ other: Rect) -> Bool {
        other.minX >= minX - 1e-9 && other.maxX <= maxX + 1e-9
            && other.minY >= minY - 1e-9 && other.maxY <= maxY + 1e-9
    }

    /// The rectangle grown by `d` points on every side (shrunk when `d` is negative).
    public func insetBy(_ d: Double) -> Rect {
        Rect(x: x + d, y: y + d, width: width - 2 * d, height: height - 2 * d)
    }

    /// The rectangle as `(x, y, width×height)` rounded to 0.01 pt.
    public var description: String {
        func f(_ v: Double) -> String { String((v * 100).rounded() / 100) }
        return "(\(f(x)), \(f(y)), \(f(width))×\(f(height)))"
    }
}
