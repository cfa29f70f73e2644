/// Unconnected markers at (x, y) points; non-finite points are skipped and counted.
public struct Scatter: Sendable, Hashable {
    public var label: String?
    public var x: [Double]
    public var y: [Double]
    public var style: SeriesStyle?
    /// Marker size (diameter of the circle marker) in points.
    public var size: Double

    public init(_ label: String? = nil, x: [Double], y: [Double], style: SeriesStyle? = nil, size: Double = 6) {
        precondition(x.count == y.count, "Scatter \(label ?? ""): x has \(x.count) values, y has \(y.count)")
        self.label = label
        self.x = x
        self.y = y
        self.style = style
        self.size = size
    }
}
