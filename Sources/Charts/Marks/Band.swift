/// A shaded band between `lower` and `upper` over `x`: a confidence interval or a spread.
///
/// Filled at 22 % opacity in the series colour; breaks at non-finite points like `Line`.
public struct Band: Sendable, Hashable {
    /// Legend label; `nil` leaves the band out of the legend.
    public var label: String?
    /// Positions along x.
    public var x: [Double]
    /// Lower edge at each x.
    public var lower: [Double]
    /// Upper edge at each x.
    public var upper: [Double]
    /// `nil` pairs the band with the latest series (or the next one).
    public var style: SeriesStyle?
    /// Fill opacity in 0...1.
    public var opacity: Double

    /// A band between `lower` and `upper` over `x` (equal lengths; a mismatch is a programmer error).
    public init(_ label: String? = nil, x: [Double], lower: [Double], upper: [Double], style: SeriesStyle? = nil, opacity: Double = 0.22) {
        precondition(x.count == lower.count && x.count == upper.count, "Band \(label ?? ""): x, lower, upper differ in length")
        self.label = label
        self.x = x
        self.lower = lower
        self.upper = upper
        self.style = style
        self.opacity = opacity
    }
}
