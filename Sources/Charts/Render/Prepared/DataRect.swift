/// A rectangle in data space spanning [x0, x1] × [y0, y1].
struct DataRect: Hashable {
    var x0: Double
    var x1: Double
    var y0: Double
    var y1: Double
}
