/// What a legend row shows beside its label.
enum LegendSwatch: Hashable {
    case line(SeriesStyle, width: Double, marker: Bool)
    case marker(SeriesStyle)
    case patch(Color, HatchPattern)
}

struct LegendEntry: Hashable {
    var label: String
    var swatch: LegendSwatch
}
