/// A polyline through (x, y) points in the given order, with optional markers.
///
/// Non-finite points (NaN, ±Inf) and points a log axis cannot place are skipped and counted; the
/// line breaks there instead of joining across the gap.
public struct Line: Sendable, Hashable {
    /// Legend label; `nil` leaves the line out of the legend.
    public var label: String?
    /// x values, in drawing order.
    public var x: [Double]
    /// y values, one per x.
    public var y: [Double]
    /// `nil` takes the default style of the series' position in the panel.
    public var style: SeriesStyle?
    /// Whether to draw markers; `nil` draws them when there are at most 30 points.
    public var markers: Bool?
    /// Line width in points.
    public var width: Double

    /// A line through (x[i], y[i]); x and y have equal lengths (programmer error otherwise).
    public init(_ label: String? = nil, x: [Double], y: [Double], style: SeriesStyle? = nil, markers: Bool? = nil, width: Double = 1.6) {
        precondition(x.count == y.count, "Line \(label ?? ""): x has \(x.count) values, y has \(y.count)")
        self.label = label
        self.x = x
        self.y = y
        self.style = style
        self.markers = markers
        self.width = width
    }
}
