/// Bars side by side within each category, one bar per series, on a categorical x axis.
///
/// The categories become the x axis's bands. Non-finite values draw no bar and are counted.
public struct GroupedBars: Sendable, Hashable {
    /// Category names in axis order.
    public var categories: [String]
    /// Series in legend order, drawn left to right within a group.
    public var series: [BarSeries]
    /// Fraction of each band the group fills (the rest is the gap between groups).
    public var groupWidth: Double

    /// Grouped bars; every series has one value per category (a mismatch is a programmer error).
    public init(categories: [String], series: [BarSeries], groupWidth: Double = 0.8) {
        for s in series {
            precondition(s.values.count == categories.count, "GroupedBars: series \(s.label ?? "") has \(s.values.count) values for \(categories.count) categories")
        }
        self.categories = categories
        self.series = series
        self.groupWidth = groupWidth
    }
}
