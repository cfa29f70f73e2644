/// One element of a path in figure coordinates.
enum PathElement: Hashable {
    case move(Point)
    case line(Point)
    case close
    case circle(Point, radius: Double)
    case rect(Rect)
}
