/// A histogram computed here from raw values with a stated bin rule.
///
/// Non-finite values are skipped and counted; the rule and the resulting bin width are reported
/// in `RenderedFigure.notes` and in the SVG description.
public struct Histogram: Sendable, Hashable {
    /// Legend label; `nil` leaves the histogram out of the legend.
    public var label: String?
    /// Raw values; the histogram bins them.
    public var values: [Double]
    /// The rule that chooses the bins.
    public var bins: BinRule
    /// Whether heights are densities (area 1) instead of counts.
    public var density: Bool
    /// `nil` takes the default style of the series' position in the panel.
    public var style: SeriesStyle?

    /// A histogram of `values` binned by `bins`.
    public init(_ label: String? = nil, values: [Double], bins: BinRule = .freedmanDiaconis, density: Bool = false, style: SeriesStyle? = nil) {
        self.label = label
        self.values = values
        self.bins = bins
        self.density = density
        self.style = style
    }
}
