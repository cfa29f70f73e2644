/// The geometry of one panel: plot area, axis mappings, ticks and their label boxes.
public struct PanelLayout: Sendable, Hashable {
    /// The rectangle data are drawn in (inside the axis frame).
    public let plotArea: Rect
    /// Mapping of x data values to figure x.
    public let x: AxisMapping
    /// Mapping of y data values to figure y.
    public let y: AxisMapping
    /// Ticks at major positions with their labels (category names for categorical axes).
    public let xTicks: AxisTicks
    /// The y axis ticks, like `xTicks`.
    public let yTicks: AxisTicks
    /// Label boxes, empty for an axis whose labels are shared with a neighbouring panel.
    public let xTickLabels: [TickLabelBox]
    /// The y tick label boxes, like `xTickLabels`.
    public let yTickLabels: [TickLabelBox]
    /// The legend, if the panel has labelled series and its legend is not hidden.
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
