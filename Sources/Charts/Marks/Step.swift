/// A step line: horizontal runs between points, for cumulative counts and piecewise constants.
public struct Step: Sendable, Hashable {
    /// Where the vertical jump sits relative to each point (matplotlib's `where`).
    public enum Position: Sendable, Hashable {
        /// y holds from x[i] until x[i+1] (a jump at x[i+1]); the usual choice for empirical CDFs.
        case post
        /// y[i] applies from x[i-1] to x[i] (a jump at x[i-1]).
        case pre
        /// Jumps halfway between points.
        case mid
    }

    /// Legend label; `nil` leaves the line out of the legend.
    public var label: String?
    /// x values, increasing.
    public var x: [Double]
    /// y values, one per x.
    public var y: [Double]
    /// Where the jumps sit.
    public var position: Position
    /// `nil` takes the default style of the series' position in the panel.
    public var style: SeriesStyle?
    /// Line width in points.
    public var width: Double

    /// A step line through (x[i], y[i]); x and y have equal lengths (programmer error otherwise).
    public init(_ label: String? = nil, x: [Double], y: [Double], position: Position = .post, style: SeriesStyle? = nil, width: Double = 1.6) {
        precondition(x.count == y.count, "Step \(label ?? ""): x has \(x.count) values, y has \(y.count)")
        self.label = label
        self.x = x
        self.y = y
        self.position = position
        self.style = style
        self.width = width
    }
}
