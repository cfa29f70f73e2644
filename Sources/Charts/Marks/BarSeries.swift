/// One series of a bar chart: a value per category, with an optional symmetric error per bar.
public struct BarSeries: Sendable, Hashable {
    /// Legend label; `nil` leaves the series out of the legend.
    public var label: String?
    /// One value per category; non-finite values draw no bar.
    public var values: [Double]
    /// Half-widths of error bars (for example a standard deviation or a confidence half-width).
    public var errors: [Double]?
    /// `nil` takes the default style of the series' position in the panel.
    public var style: SeriesStyle?

    /// A bar series; `errors`, when given, has one half-width per value.
    public init(_ label: String? = nil, values: [Double], errors: [Double]? = nil, style: SeriesStyle? = nil) {
        precondition(errors == nil || errors!.count == values.count, "BarSeries \(label ?? ""): \(values.count) values but \(errors!.count) errors")
        self.label = label
        self.values = values
        self.errors = errors
        self.style = style
    }
}
