/// Vertical error bars from `lower[i]` to `upper[i]` at `x[i]`, with short caps.
///
/// Bounds are absolute (not offsets), so asymmetric intervals and log axes work alike.
public struct ErrorBars: Sendable, Hashable {
    /// Legend label; `nil` leaves the bars out of the legend.
    public var label: String?
    /// Positions along x.
    public var x: [Double]
    /// Lower end of each bar (absolute).
    public var lower: [Double]
    /// Upper end of each bar (absolute).
    public var upper: [Double]
    /// `nil` pairs the bars with the latest series (or the next one).
    public var style: SeriesStyle?

    /// Error bars from `lower` to `upper` at `x` (equal lengths; a mismatch is a programmer error).
    public init(_ label: String? = nil, x: [Double], lower: [Double], upper: [Double], style: SeriesStyle? = nil) {
        precondition(x.count == lower.count && x.count == upper.count, "ErrorBars \(label ?? ""): x, lower, upper differ in length")
        self.label = label
        self.x = x
        self.lower = lower
        self.upper = upper
        self.style = style
    }
}
