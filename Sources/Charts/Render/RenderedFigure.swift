/// A figure rendered in memory: PNG and SVG bytes, the PNG's pixels and the layout.
public struct RenderedFigure: Sendable {
    /// The PNG file's bytes (2× device scale).
    public let png: [UInt8]
    /// The SVG document, ids normalised, with `<title>` and `<desc>`.
    public let svg: String
    /// The PNG's pixels, for probing colours at figure points.
    public let bitmap: Bitmap
    /// The geometry the figure was drawn with.
    public let layout: FigureLayout
    /// Every skipped or dropped value, per series.
    public let warnings: [ChartWarning]
    /// Facts worth stating next to the figure, such as a histogram's bin rule and width.
    public let notes: [String]

    /// Total NaN/±Inf values skipped across the figure.
    public var skippedNonFinite: Int { ChartWarning.nonFiniteTotal(warnings) }

    /// Total values ≤ 0 dropped from log axes across the figure.
    public var droppedNonPositive: Int { ChartWarning.nonPositiveTotal(warnings) }
}
