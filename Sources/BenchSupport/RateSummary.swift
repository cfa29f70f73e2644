import Foundation

/// One line of a peer comparison: a variant's rate as a median with its 95 % interval, e.g.
///
/// ```
/// ours  FP32        39.8 verses/s  [38.9, 40.6]
/// PyTorch  INT8     63.0 verses/s  (no interval: 3 values)
/// ```
/// One decimal below 1,000/s, none above (timings spread by a few percent, so further digits
/// are noise); the interval is left out, with the reason, when its endpoints are NaN
/// (`Bootstrap` gives none below five values).
public struct RateSummary: Sendable, Equatable {
    /// Who and what: `ours FP32`, `PyTorch INT8 dynamic`.
    public let label: String
    /// The median rate.
    public let median: Double
    /// The interval's endpoints; NaN when there is none.
    public let lower: Double, upper: Double
    /// How many timings the median is of.
    public let count: Int
    /// The unit after the number: `verses/s`.
    public let unit: String

    /// A summary.
    public init(label: String, median: Double, lower: Double, upper: Double, count: Int, unit: String = "verses/s") {
        (self.label, self.median, self.lower, self.upper, self.count, self.unit) = (label, median, lower, upper, count, unit)
    }

    /// `x` with one decimal below 1,000, none from there.
    public static func rate(_ x: Double) -> String {
        String(format: abs(x) < 1000 ? "%.1f" : "%.0f", x)
    }

    /// The printed line, the label padded to `width` characters.
    public func line(width: Int = 24) -> String {
        let name = label.count < width ? label + String(repeating: " ", count: width - label.count) : label + " "
        let interval = lower.isNaN || upper.isNaN
            ? "(no interval: \(count) value\(count == 1 ? "" : "s"))"
            : "[\(Self.rate(lower)), \(Self.rate(upper))]"
        return "\(name)\(Self.rate(median)) \(unit)  \(interval)"
    }
}
