/// A vertical interval at x: one error bar, or one vertex of a band.
struct DataInterval: Hashable {
    var x: Double
    var low: Double
    var high: Double
}
