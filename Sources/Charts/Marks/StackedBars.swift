/// Bars stacked within each category, series in order from the baseline outwards.
///
/// Positive values stack upwards from 0 and negative values downwards, each side separately
/// (as ggplot2's `position_stack` does), so a negative part never hides a positive one.
public struct StackedBars: Sendable, Hashable {
    /// Category names in axis order.
    public var categories: [String]
    /// Series from the baseline outwards, in legend order (errors are not drawn when stacked).
    public var series: [BarSeries]
    /// Fraction of each band the bar fills.
    public var barWidth: Double

    /// Stacked bars; every series has one value per category (a mismatch is a programmer error).
    public init(categories: [String], series: [BarSeries], barWidth: Double = 0.7) {
        for s in series {
            precondition(s.values.count == categories.count, "StackedBars: series \(s.label ?? "") has \(s.values.count) values for \(categories.count) categories")
        }
        self.categories = categories
        self.series = series
        self.barWidth = barWidth
    }
}
