/// MSE-optimal clipping: the fraction α of the min-max range that minimizes the quantization error.
///
/// ```
/// α* = argmin over α ∈ {1/steps, 2/steps, …, 1} of error(α · [lo, hi])
/// ```
/// Clipping trades a larger error on the few clamped outliers for a finer grid for everything
/// else; the error is evaluated exactly by the caller's quantizer, so the search fits any format.
public struct MSEClippingSearch: Sendable, Hashable {
    /// Candidate fractions; 100 gives a 1 % resolution.
    public let steps: Int

    /// - Precondition: `steps ≥ 1`.
    public init(steps: Int = 100) {
        precondition(steps >= 1, "MSEClippingSearch: steps must be positive")
        self.steps = steps
    }

    /// The candidate range with the least error (the widest on a tie).
    /// - Complexity: `steps` evaluations of `error`.
    public func range(around full: ClippingRange, error: (ClippingRange) -> Double) -> ClippingRange {
        var best = full
        var bestError = error(full)
        for step in stride(from: steps - 1, through: 1, by: -1) {
            let alpha = Float(step) / Float(steps)
            let candidate = ClippingRange(lower: full.lower * alpha, upper: full.upper * alpha)
            let e = error(candidate)
            if e < bestError {
                best = candidate
                bestError = e
            }
        }
        return best
    }
}
