/// Percentile calibration: clip the tail beyond the p-th percentile.
///
/// Percentiles use linear interpolation between order statistics (NumPy's default "linear"
/// method): the q-quantile of sorted x₀ ≤ … ≤ xₙ₋₁ is x at position q·(n − 1).
public struct PercentileCalibration: Sendable, Hashable {
    /// p in (0, 100].
    public let percentile: Double

    /// - Precondition: `0 < percentile ≤ 100`.
    public init(percentile: Double) {
        precondition(percentile > 0 && percentile <= 100, "PercentileCalibration: p = \(percentile) outside (0, 100]")
        self.percentile = percentile
    }

    /// [−P_p(|x|), P_p(|x|)] when symmetric, else [P_(100−p)(x), P_p(x)]; the range always holds 0
    /// only if the data does.
    public func range(of values: [Float], symmetric: Bool) -> ClippingRange {
        if symmetric {
            return ClippingRange(symmetric: Self.quantile(values.map(\.magnitude).sorted(), percentile / 100))
        }
        let sorted = values.sorted()
        return ClippingRange(
            lower: Self.quantile(sorted, 1 - percentile / 100), upper: Self.quantile(sorted, percentile / 100))
    }

    /// The q-quantile of sorted values by linear interpolation; 0 for an empty input.
    public static func quantile(_ sorted: [Float], _ q: Double) -> Float {
        guard !sorted.isEmpty else { return 0 }
        let position = q * Double(sorted.count - 1)
        let i = Int(position.rounded(.down))
        let fraction = position - Double(i)
        guard i + 1 < sorted.count else { return sorted[sorted.count - 1] }
        return Float(Double(sorted[i]) + fraction * (Double(sorted[i + 1]) - Double(sorted[i])))
    }
}
