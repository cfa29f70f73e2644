/// The geometry of a whole figure, in points from the top-left corner.
public struct FigureLayout: Sendable, Hashable {
    /// Figure width in points.
    public let width: Double
    /// Figure height in points.
    public let height: Double
    /// The box of the figure title (all its lines), if there is a title.
    public let title: Rect?
    /// Panels in `Figure.panels` order.
    public let panels: [PanelLayout]
}
