/// Chooses where a legend sits inside a plot area: the candidate position covering the fewest
/// plotted points, among corners and edge centres in matplotlib's `loc="best"` order.
enum LegendPlacer {
    /// Candidate anchors as fractions of the free space (0 = left/top, 1 = right/bottom), in
    /// order of preference: upper right, upper left, lower left, lower right, centre right,
    /// centre left, lower centre, upper centre.
    static let anchors: [(x: Double, y: Double)] = [
        (1, 0), (0, 0), (0, 1), (1, 1), (1, 0.5), (0, 0.5), (0.5, 1), (0.5, 0),
    ]

    /// The box of a legend of `size` inside `plot` that covers none of `occupied`, or nil when
    /// every candidate covers some point or the legend does not fit.
    ///
    /// - Parameters:
    ///   - occupied: Sampled points of the plotted data (see `DataOccupancy.points`).
    /// - Returns: The first candidate in preference order with no point within 2 pt of it.
    static func insideBox(size: LegendSize, plot: Rect, occupied: [Point]) -> Rect? {
        let inset = Theme.legendInset
        let freeWidth = plot.width - 2 * inset - size.width
        let freeHeight = plot.height - 2 * inset - size.height
        guard freeWidth >= 0, freeHeight >= 0 else { return nil }
        for anchor in anchors {
            let box = Rect(
                x: plot.minX + inset + anchor.x * freeWidth, y: plot.minY + inset + anchor.y * freeHeight,
                width: size.width, height: size.height)
            let guarded = box.insetBy(-2)
            if !occupied.contains(where: { guarded.contains($0) }) { return box }
        }
        return nil
    }
}
