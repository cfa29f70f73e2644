/// How a path is stroked: width and dash lengths in points.
struct Stroke: Hashable {
    var color: Color
    var width: Double
    var dash: [Double] = []
    var roundCaps = false
}
