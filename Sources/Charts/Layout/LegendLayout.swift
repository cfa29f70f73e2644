/// Where a legend went and what it lists.
public struct LegendLayout: Sendable, Hashable {
    /// The legend frame in figure coordinates.
    public let box: Rect
    /// Whether it sits outside the plot area, to the right.
    public let outside: Bool
    /// Entry labels in series order.
    public let labels: [String]
}
