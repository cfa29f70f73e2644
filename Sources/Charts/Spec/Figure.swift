/// A chart specification: one or more panels in a grid, a title and alt text.
///
/// Plain values, no drawing state: build one, hand it to `ChartRenderer`. Sizes are in points
/// (1/72 inch); the PNG is rendered at 2× (144 dpi), the SVG in points.
public struct Figure: Sendable, Hashable {
    /// Drawn bold above the panels; also the SVG `<title>`.
    public var title: String?
    /// A short description of what the figure shows, for readers who cannot see it: written into
    /// the SVG as `<title>`/`<desc>` and used by the report as the image's alt text.
    public var altText: String
    /// Width in points.
    public var width: Double
    /// Height in points.
    public var height: Double
    /// Panels in row-major order.
    public var panels: [Panel]
    /// Number of grid columns; rows follow from the panel count.
    public var columns: Int
    /// All panels share the x domain; only the lowest panel of each column shows x tick labels and title.
    public var sharedX: Bool
    /// All panels share the y domain; only the left column shows y tick labels and title.
    public var sharedY: Bool

    /// - Parameters:
    ///   - width: Figure width in points (default 480 pt = 6.67 in, near matplotlib's 6.4 in).
    ///   - height: Figure height in points.
    public init(
        title: String? = nil, altText: String, width: Double = 480, height: Double = 320,
        columns: Int = 1, sharedX: Bool = false, sharedY: Bool = false, panels: [Panel]
    ) {
        self.title = title
        self.altText = altText
        self.width = width
        self.height = height
        self.panels = panels
        self.columns = columns
        self.sharedX = sharedX
        self.sharedY = sharedY
    }

    /// A figure of a single panel.
    public init(
        title: String? = nil, altText: String, width: Double = 480, height: Double = 320, panel: Panel
    ) {
        self.init(title: title, altText: altText, width: width, height: height, panels: [panel])
    }
}
