/// One plot area with its two axes and the marks drawn in it.
public struct Panel: Sendable, Hashable {
    /// A small title above the plot area (figure titles go in `Figure.title`).
    public var title: String?
    public var x: Axis
    public var y: Axis
    /// Marks in series order: legend entries and default styles follow this order.
    public var marks: [Mark]
    public var legend: LegendPlacement

    public init(title: String? = nil, x: Axis = Axis(), y: Axis = Axis(), legend: LegendPlacement = .best, marks: [Mark]) {
        self.title = title
        self.x = x
        self.y = y
        self.marks = marks
        self.legend = legend
    }
}
