/// What `ChartRenderer.render(_:to:)` wrote and what it skipped.
public struct RenderResult: Sendable {
    /// Path of the PNG written.
    public let pngPath: String
    /// Path of the SVG written.
    public let svgPath: String
    /// The geometry the figure was drawn with.
    public let layout: FigureLayout
    /// Every skipped or dropped value, per series.
    public let warnings: [ChartWarning]
    /// Facts worth stating next to the figure, such as a histogram's bin rule and width.
    public let notes: [String]

    /// Total NaN/±Inf values skipped across the figure.
    public var skippedNonFinite: Int {
        ChartWarning.nonFiniteTotal(warnings)
    }

    /// Total values ≤ 0 dropped from log axes across the figure.
    public var droppedNonPositive: Int {
        ChartWarning.nonPositiveTotal(warnings)
    }
}
