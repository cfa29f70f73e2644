/// One series of a bar chart: a value per category, with an optional symmetric error per bar.
public struct BarSeries: Sendable, Hashable {
    public var label: String?
    public var values: [Double]
    /// Half-widths of error bars (for example a standard deviation or a confidence half-width).
    public var errors: [Double]?
    public var style: SeriesStyle?

    public init(_ label: String? = nil, values: [Double], errors: [Double]? = nil, style: SeriesStyle? = nil) {
        precondition(errors == nil || errors!.count == values.count, "BarSeries \(label ?? ""): \(values.count) values but \(errors!.count) errors")
        self.label = label
        self.values = values
        self.errors = errors
        self.style = style
    }
}

/// Bars side by side within each category, one bar per series, on a categorical x axis.
///
/// The categories become the x axis's bands. Non-finite values draw no bar and are counted.
public struct GroupedBars: Sendable, Hashable {
    public var categories: [String]
    public var series: [BarSeries]
    /// Fraction of each band the group fills (the rest is the gap between groups).
    public var groupWidth: Double

    public init(categories: [String], series: [BarSeries], groupWidth: Double = 0.8) {
        for s in series {
            precondition(s.values.count == categories.count, "GroupedBars: series \(s.label ?? "") has \(s.values.count) values for \(categories.count) categories")
        }
        self.categories = categories
        self.series = series
        self.groupWidth = groupWidth
    }
}
