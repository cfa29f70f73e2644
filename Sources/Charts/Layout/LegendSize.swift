/// The size of a legend box: padding, a swatch and the widest label, one row per entry.
struct LegendSize {
    var width: Double
    var height: Double

    /// The size of a legend listing `entries`, with text measured by `measure`.
    init(_ entries: [LegendEntry], measure: TextMeasurer) {
        let m = measure.metrics(size: Theme.legendSize)
        let widest = entries.map { measure.width($0.label, size: Theme.legendSize) }.max() ?? 0
        let rowHeight = m.height + 2
        width = 2 * Theme.legendPadding + Theme.legendSwatch + 5 + widest
        height = 2 * Theme.legendPadding + Double(entries.count) * rowHeight - 2
    }
}
