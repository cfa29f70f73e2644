/// A histogram computed here from raw values with a stated bin rule.
///
/// Non-finite values are skipped and counted; the rule and the resulting bin width are reported
/// in `RenderResult.notes` and in the SVG description.
public struct Histogram: Sendable, Hashable {
    public var label: String?
    public var values: [Double]
    public var bins: BinRule
    /// Whether heights are densities (area 1) instead of counts.
    public var density: Bool
    public var style: SeriesStyle?

    public init(_ label: String? = nil, values: [Double], bins: BinRule = .freedmanDiaconis, density: Bool = false, style: SeriesStyle? = nil) {
        self.label = label
        self.values = values
        self.bins = bins
        self.density = density
        self.style = style
    }
}
