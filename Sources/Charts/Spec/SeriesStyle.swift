/// The shape drawn at each data point of a line or scatter series.
public enum MarkerShape: Sendable, Hashable, CaseIterable {
    case circle, square, triangleUp, diamond, triangleDown, cross, plus, star
}

/// A line dash pattern; lengths scale with the line width so patterns read the same at any weight.
public enum DashPattern: Sendable, Hashable, CaseIterable {
    case solid, dashed, dotted, dashDot, longDash

    /// On/off lengths in multiples of the line width (empty for solid).
    var unitLengths: [Double] {
        switch self {
        case .solid: []
        case .dashed: [4, 2.2]
        case .dotted: [1, 1.7]
        case .dashDot: [4, 1.7, 1, 1.7]
        case .longDash: [8, 2.5]
        }
    }
}

/// How one series looks: colour, marker and dash.
///
/// `SeriesStyle.series(i)` is the default of the `i`-th series of a panel (Okabe–Ito colour `i`,
/// marker `i`, dash `i`); pass the same style to a band or error bars to pair them with a line.
public struct SeriesStyle: Sendable, Hashable {
    public var color: Color
    public var marker: MarkerShape
    public var dash: DashPattern

    public init(color: Color, marker: MarkerShape = .circle, dash: DashPattern = .solid) {
        self.color = color
        self.marker = marker
        self.dash = dash
    }

    /// The default style of series `index` (see `Palette`).
    public static func series(_ index: Int) -> SeriesStyle {
        SeriesStyle(color: Palette.color(index), marker: Palette.marker(index), dash: Palette.dash(index))
    }
}
