/// A horizontal or vertical line across the whole panel at a data value, with an optional label.
public struct ReferenceLine: Sendable, Hashable {
    public enum Orientation: Sendable, Hashable {
        /// A horizontal line at y = value.
        case horizontal
        /// A vertical line at x = value.
        case vertical
    }

    public var orientation: Orientation
    public var value: Double
    public var label: String?
    public var color: Color?
    public var dash: DashPattern

    public init(_ orientation: Orientation, at value: Double, label: String? = nil, color: Color? = nil, dash: DashPattern = .dashed) {
        self.orientation = orientation
        self.value = value
        self.label = label
        self.color = color
        self.dash = dash
    }
}
