/// Unconnected markers at (x, y) points; non-finite points are skipped and counted.
public struct Scatter: Sendable, Hashable {
    /// Legend label; `nil` leaves the series out of the legend.
    public var label: String?
    /// x values.
    public var x: [Double]
    /// y values, one per x.
    public var y: [Double]
    /// `nil` takes the default style of the series' position in the panel.
    public var style: SeriesStyle?
    /// Marker size (diameter of the circle marker) in points.
    public var size: Double

    /// Markers at (x[i], y[i]); x and y have equal lengths (programmer error otherwise).
    public init(_ label: String? = nil, x: [Double], y: [Double], style: SeriesStyle? = nil, size: Double = 6) {
        precondition(x.count == y.count, "Scatter \(label ?? ""): x has \(x.count) values, y has \(y.count)")
        self.label = label
        self.x = x
        self.y = y
        self.style = style
        self.size = size
    }
}
