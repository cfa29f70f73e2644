/// A point in data space (x, y); for categorical axes, the band coordinate.
struct DataPoint: Hashable {
    var x: Double
    var y: Double
}

/// A rectangle in data space spanning [x0, x1] × [y0, y1].
struct DataRect: Hashable {
    var x0: Double
    var x1: Double
    var y0: Double
    var y1: Double
}

/// A vertical interval at x: one error bar, or one vertex of a band.
struct DataInterval: Hashable {
    var x: Double
    var low: Double
    var high: Double
}

/// What a legend row shows beside its label.
enum LegendSwatch: Hashable {
    case line(SeriesStyle, width: Double, marker: Bool)
    case marker(SeriesStyle)
    case patch(Color)
}

struct LegendEntry: Hashable {
    var label: String
    var swatch: LegendSwatch
}

/// One drawable layer after filtering, in data space; `layer` fixes the stacking order.
enum PreparedShape {
    case cells([(rect: DataRect, color: Color, value: Double)], showValues: Bool)
    case band(segments: [[DataInterval]], color: Color)
    case bars([DataRect], color: Color)
    case reference(ReferenceLine)
    case polyline(segments: [[DataPoint]], style: SeriesStyle, width: Double, markerPoints: [DataPoint])
    case errorBars([DataInterval], color: Color, capHalfWidth: Double)
    case markers([DataPoint], style: SeriesStyle, size: Double)
    case annotation(Annotation)

    var layer: Int {
        switch self {
        case .cells: 0
        case .band: 1
        case .bars: 2
        case .reference: 3
        case .polyline: 4
        case .errorBars: 5
        case .markers: 6
        case .annotation: 7
        }
    }
}

/// The colour scale of a panel's heatmap, drawn as a colour bar.
struct ColorScale: Hashable {
    var colormap: Colormap
    var range: ClosedRange<Double>
    var label: String?
}

/// A panel's marks after filtering and resolving styles, with the data extents its axes need.
struct PreparedPanel {
    var xScale: Scale
    var yScale: Scale
    var shapes: [PreparedShape] = []
    var legendEntries: [LegendEntry] = []
    /// Finite, placeable values that the x and y domains must include.
    var xValues: [Double] = []
    var yValues: [Double] = []
    /// Whether the y domain should start exactly at 0 (bars and histograms stand on it).
    var stickyZeroY = false
    var colorScale: ColorScale?
    var notes: [String] = []
}
