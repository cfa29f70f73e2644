/// A matrix of values drawn as coloured cells, with a colour bar.
///
/// Row 0 is drawn at the top (matrix order). Non-finite cells are left blank and counted.
public struct Heatmap: Sendable, Hashable {
    /// `values[row][column]`.
    public var values: [[Double]]
    /// Names of the rows, top to bottom.
    public var rowLabels: [String]
    /// Names of the columns, left to right.
    public var columnLabels: [String]
    /// How values map to colours.
    public var colormap: Colormap
    /// Colour limits; `nil` uses the finite data range (symmetric about 0 for `.diverging`).
    public var limits: ClosedRange<Double>?
    /// Title of the colour bar.
    public var colorBarLabel: String?
    /// Whether to print each value inside its cell (for small matrices).
    public var showValues: Bool

    /// A heatmap of `values[row][column]`; label counts must match the matrix (programmer error otherwise).
    public init(
        values: [[Double]], rowLabels: [String], columnLabels: [String], colormap: Colormap = .viridis,
        limits: ClosedRange<Double>? = nil, colorBarLabel: String? = nil, showValues: Bool = false
    ) {
        precondition(values.count == rowLabels.count, "Heatmap: \(values.count) rows but \(rowLabels.count) row labels")
        for row in values {
            precondition(row.count == columnLabels.count, "Heatmap: a row has \(row.count) values for \(columnLabels.count) columns")
        }
        self.values = values
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.colormap = colormap
        self.limits = limits
        self.colorBarLabel = colorBarLabel
        self.showValues = showValues
    }
}
