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
