/// Space around a plot area inside its grid cell, in points.
struct Margins: Equatable {
    var left = 0.0
    var right = 0.0
    var top = 0.0
    var bottom = 0.0
}
