/// One tick label as laid out: its text, the tick value and the box its text occupies.
public struct TickLabelBox: Sendable, Hashable {
    public let text: String
    /// The tick's data value (the band centre for categories).
    public let value: Double
    /// The box the text occupies in figure coordinates: advance width × (ascent + descent),
    /// as measured by Cairo; for rotated labels, the rotated box.
    public let box: Rect
    /// Whether the label is rotated 90° (reading upwards) to avoid overlapping its neighbours.
    public let rotated: Bool
}

/// Where a legend went and what it lists.
public struct LegendLayout: Sendable, Hashable {
    public let box: Rect
    /// Whether it sits outside the plot area, to the right.
    public let outside: Bool
    /// Entry labels in series order.
    public let labels: [String]
}

/// The geometry of one panel: plot area, axis mappings, ticks and their label boxes.
public struct PanelLayout: Sendable, Hashable {
    /// The rectangle data are drawn in (inside the axis frame).
    public let plotArea: Rect
    public let x: AxisMapping
    public let y: AxisMapping
    /// Ticks at major positions with their labels (category names for categorical axes).
    public let xTicks: AxisTicks
    public let yTicks: AxisTicks
    /// Label boxes, empty for an axis whose labels are shared with a neighbouring panel.
    public let xTickLabels: [TickLabelBox]
    public let yTickLabels: [TickLabelBox]
    public let legend: LegendLayout?
    /// The colour bar of a heatmap panel.
    public let colorBar: Rect?
    /// Boxes of every other piece of text in the panel (axis titles, panel title, colour bar and
    /// reference-line labels, annotations), for checks that nothing leaves the figure.
    public let otherText: [Rect]

    /// The figure point of data point (x, y).
    public func point(x: Double, y: Double) -> Point {
        Point(x: self.x.pixel(x), y: self.y.pixel(y))
    }
}

/// The geometry of a whole figure, in points from the top-left corner.
public struct FigureLayout: Sendable, Hashable {
    public let width: Double
    public let height: Double
    /// The figure title's box, if there is a title.
    public let title: Rect?
    public let panels: [PanelLayout]
}
