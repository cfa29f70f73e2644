extension Collection<Double> {
    /// The t-interval for the mean, assuming roughly normal, independent values.
    /// ```
    /// x̄ ± t(1 − α/2, n − 1) · s / √n,   α = 1 − level
    /// ```
    /// with s the sample standard deviation and t the Student quantile (`StudentT.quantile`).
    /// - Parameter level: the coverage, in (0, 1); 0.95 by default.
    /// - Returns: the interval; (−∞, ∞) around the value for a single value, whose spread is unknown.
    /// - Precondition: the collection is not empty.
    public func meanConfidenceInterval(level: Double = 0.95) -> ConfidenceInterval {
        precondition(level > 0 && level < 1, "confidence level \(level) outside (0, 1)")
        let m = mean()
        guard count > 1 else {
            return ConfidenceInterval(estimate: m, lower: -.infinity, upper: .infinity, level: level, method: .studentT)
        }
        let t = StudentT.quantile(1 - (1 - level) / 2, degreesOfFreedom: Double(count - 1))
        let half = t * standardDeviation() / Double(count).squareRoot()
        return ConfidenceInterval(estimate: m, lower: m - half, upper: m + half, level: level, method: .studentT)
    }
}
