/// An ordinary least-squares line y ≈ intercept + slope·x.
/// ```
/// slope = Σ(xᵢ − x̄)(yᵢ − ȳ) / Σ(xᵢ − x̄)²,   intercept = ȳ − slope·x̄
/// R² = 1 − Σ(yᵢ − ŷᵢ)² / Σ(yᵢ − ȳ)²
/// ```
/// Centred sums, which keep precision when x is large compared to its spread.
public struct LinearFit: Hashable, Sendable {
    /// The fitted slope, in y units per x unit.
    public let slope: Double
    /// The fitted y at x = 0.
    public let intercept: Double
    /// The coefficient of determination; 1 when the y values are all equal and fitted exactly.
    public let rSquared: Double
    /// The number of points fitted.
    public let count: Int

    /// Fits `y` against `x`.
    /// - Returns: `nil` when there are fewer than two points or every x is the same (no line
    ///   is determined), or any value is not finite.
    /// - Precondition: `x` and `y` have the same length.
    public init?(x: [Double], y: [Double]) {
        precondition(x.count == y.count, "LinearFit: \(x.count) x values against \(y.count) y values")
        guard x.count >= 2, (x + y).allSatisfy(\.isFinite) else { return nil }
        let mx = x.mean(), my = y.mean()
        var sxx = 0.0, sxy = 0.0, syy = 0.0
        for (xi, yi) in zip(x, y) {
            sxx += (xi - mx) * (xi - mx)
            sxy += (xi - mx) * (yi - my)
            syy += (yi - my) * (yi - my)
        }
        guard sxx > 0 else { return nil }
        slope = sxy / sxx
        intercept = my - slope * mx
        var residual = 0.0
        for (xi, yi) in zip(x, y) {
            let r = yi - (intercept + slope * xi)
            residual += r * r
        }
        rSquared = syy > 0 ? 1 - residual / syy : 1
        count = x.count
    }

    /// The fitted y at `x`.
    public func predict(_ x: Double) -> Double { intercept + slope * x }
}
