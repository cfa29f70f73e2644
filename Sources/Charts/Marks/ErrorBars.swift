/// Vertical error bars from `lower[i]` to `upper[i]` at `x[i]`, with short caps.
///
/// Bounds are absolute (not offsets), so asymmetric intervals and log axes work alike.
public struct ErrorBars: Sendable, Hashable {
    public var label: String?
    public var x: [Double]
    public var lower: [Double]
    public var upper: [Double]
    public var style: SeriesStyle?

    public init(_ label: String? = nil, x: [Double], lower: [Double], upper: [Double], style: SeriesStyle? = nil) {
        precondition(x.count == lower.count && x.count == upper.count, "ErrorBars \(label ?? ""): x, lower, upper differ in length")
        self.label = label
        self.x = x
        self.lower = lower
        self.upper = upper
        self.style = style
    }
}
