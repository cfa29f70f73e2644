/// One plot area with its two axes and the marks drawn in it.
public struct Panel: Sendable, Hashable {
    /// A small title above the plot area (figure titles go in `Figure.title`).
    public var title: String?
    /// The horizontal axis.
    public var x: Axis
    /// The vertical axis.
    public var y: Axis
    /// Marks in series order: legend entries and default styles follow this order.
    public var marks: [Mark]
    /// Where the legend goes (inside where it hides no data by default).
    public var legend: LegendPlacement

    /// A panel drawing `marks` over axes `x` and `y`.
    public init(title: String? = nil, x: Axis = Axis(), y: Axis = Axis(), legend: LegendPlacement = .best, marks: [Mark]) {
        self.title = title
        self.x = x
        self.y = y
        self.marks = marks
        self.legend = legend
    }
}
