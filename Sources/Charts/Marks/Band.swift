/// A shaded band between `lower` and `upper` over `x`: a confidence interval or a spread.
///
/// Filled at 22 % opacity in the series colour; breaks at non-finite points like `Line`.
public struct Band: Sendable, Hashable {
    public var label: String?
    public var x: [Double]
    public var lower: [Double]
    public var upper: [Double]
    public var style: SeriesStyle?
    public var opacity: Double

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
