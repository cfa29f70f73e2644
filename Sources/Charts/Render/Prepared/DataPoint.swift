/// A point in data space (x, y); for categorical axes, the band coordinate.
struct DataPoint: Hashable {
    var x: Double
    var y: Double
}
