/// Font metrics in points at the current size: ascent above and descent below the baseline.
struct FontMetrics: Hashable {
    var ascent: Double
    var descent: Double
    var height: Double { ascent + descent }
}
