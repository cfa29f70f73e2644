/// How one series looks: colour, marker, dash and hatch.
///
/// `SeriesStyle.series(i)` is the default of the `i`-th series of a panel (Okabe–Ito colour `i`,
/// marker `i`, dash `i`, hatch `i`); pass the same style to a band or error bars to pair them with a line.
public struct SeriesStyle: Sendable, Hashable {
    /// Line, marker and fill colour.
    public var color: Color
    /// Marker shape for points.
    public var marker: MarkerShape
    /// Dash pattern for lines.
    public var dash: DashPattern
    /// Texture for filled areas.
    public var hatch: HatchPattern

    /// A style; marker, dash and hatch default to circle, solid and none.
    public init(color: Color, marker: MarkerShape = .circle, dash: DashPattern = .solid, hatch: HatchPattern = .none) {
        self.color = color
        self.marker = marker
        self.dash = dash
        self.hatch = hatch
    }

    /// The default style of series `index` (see `Palette`).
    public static func series(_ index: Int) -> SeriesStyle {
        SeriesStyle(
            color: Palette.color(index), marker: Palette.marker(index), dash: Palette.dash(index),
            hatch: HatchPattern.allCases[index % HatchPattern.allCases.count])
    }
}
