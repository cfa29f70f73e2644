/// A panel's full geometry: the public layout plus every text placement the scene draws.
struct PanelGeometry {
    var layout: PanelLayout
    var texts: [PlacedText]
    var colorBarTicks: AxisTicks?
    var colorBarMapping: AxisMapping?
    var legendEntries: [LegendEntry]
}
