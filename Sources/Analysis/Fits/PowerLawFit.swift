#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A power law y ≈ c·xᵏ fitted by least squares in log–log space: how error or time grows with size.
/// ```
/// ln y = ln c + k·ln x      (LinearFit over (ln xᵢ, ln yᵢ))
/// ```
/// The exponent k is the slope on a log–log chart (k = 3 for the time of an n×n matmul,
/// k ≈ 0.5 for an error that grows like √n). R² is that of the log-space fit. The fit
/// minimizes relative, not absolute, error, as is wanted for data spanning decades.
public struct PowerLawFit: Hashable, Sendable {
    /// The fit in log space: slope k, intercept ln c (natural logarithms).
    public let logFit: LinearFit

    /// Fits y = c·xᵏ to the points.
    /// - Returns: `nil` when a value is not positive and finite (no logarithm), or fewer than two
    ///   distinct x remain.
    /// - Precondition: `x` and `y` have the same length.
    public init?(x: [Double], y: [Double]) {
        precondition(x.count == y.count, "PowerLawFit: \(x.count) x values against \(y.count) y values")
        guard (x + y).allSatisfy({ $0 > 0 && $0.isFinite }),
              let fit = LinearFit(x: x.map { log($0) }, y: y.map { log($0) })
        else { return nil }
        logFit = fit
    }

    /// The exponent k (log–log slope).
    public var exponent: Double { logFit.slope }
    /// The prefactor c = e^intercept.
    public var prefactor: Double { exp(logFit.intercept) }
    /// R² of the log-space fit.
    public var rSquared: Double { logFit.rSquared }

    /// The fitted c·xᵏ at `x`.
    public func predict(_ x: Double) -> Double { prefactor * pow(x, exponent) }
}
