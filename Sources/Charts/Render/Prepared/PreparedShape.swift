/// One drawable layer after filtering, in data space; `layer` fixes the stacking order.
enum PreparedShape {
    case cells([(rect: DataRect, color: Color, value: Double)], showValues: Bool)
    case band(segments: [[DataInterval]], color: Color)
    case bars([DataRect], color: Color, hatch: HatchPattern)
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
