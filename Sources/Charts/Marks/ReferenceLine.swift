/// A horizontal or vertical line across the whole panel at a data value, with an optional label.
public struct ReferenceLine: Sendable, Hashable {
    /// Which way the line runs.
    public enum Orientation: Sendable, Hashable {
        /// A horizontal line at y = value.
        case horizontal
        /// A vertical line at x = value.
        case vertical
    }

    /// Horizontal (at a y value) or vertical (at an x value).
    public var orientation: Orientation
    /// The data value the line marks.
    public var value: Double
    /// Text drawn beside the line, where it covers the least data.
    public var label: String?
    /// `nil` draws it in dark grey.
    public var color: Color?
    /// The dash pattern (dashed by default).
    public var dash: DashPattern

    /// A reference line at `value`, optionally labelled.
    public init(_ orientation: Orientation, at value: Double, label: String? = nil, color: Color? = nil, dash: DashPattern = .dashed) {
        self.orientation = orientation
        self.value = value
        self.label = label
        self.color = color
        self.dash = dash
    }
}
