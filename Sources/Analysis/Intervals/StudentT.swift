#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Student's t distribution: its CDF and its quantile function (inverse CDF), for any degrees
/// of freedom ν > 0.
///
/// The CDF goes through the regularized incomplete beta function (Abramowitz & Stegun 26.7.1):
/// ```
/// P(T ≤ t) = 1 − ½·I_x(ν/2, ½),   x = ν / (ν + t²),   for t ≥ 0
/// ```
/// with I evaluated by its continued fraction (Lentz's method, as in Numerical Recipes §6.4),
/// accurate to about 1e-14. The quantile inverts the CDF by bisection to full double precision,
/// so it needs no table and no normal approximation: t(0.975, 1) = 12.7062…, t(0.975, 10) = 2.2281…
public enum StudentT {
    /// P(T ≤ t) for T ~ t(ν).
    /// - Precondition: `degreesOfFreedom > 0`.
    public static func cdf(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        precondition(nu > 0, "Student t: degrees of freedom must be positive, got \(nu)")
        if t.isNaN { return .nan }
        if t.isInfinite { return t > 0 ? 1 : 0 }
        let tail = 0.5 * regularizedIncompleteBeta(nu / (nu + t * t), a: nu / 2, b: 0.5)
        return t >= 0 ? 1 - tail : tail
    }

    /// The `p`-quantile: the t with P(T ≤ t) = p, for T ~ t(ν).
    /// - Parameters:
    ///   - p: the probability, in (0, 1); 0 and 1 give ∓∞.
    ///   - degreesOfFreedom: ν > 0.
    /// - Returns: the quantile, to within a few ulps of the CDF's accuracy.
    public static func quantile(_ p: Double, degreesOfFreedom nu: Double) -> Double {
        precondition((0...1).contains(p), "Student t quantile: p = \(p) outside 0...1")
        if p == 0.5 { return 0 }
        if p < 0.5 { return -quantile(1 - p, degreesOfFreedom: nu) }
        if p == 1 { return .infinity }
        var low = 0.0, high = 1.0
        while cdf(high, degreesOfFreedom: nu) < p { low = high; high *= 2 }
        // Bisection halves the bracket each step: 200 steps exhaust double precision for any bracket.
        for _ in 0..<200 {
            let mid = 0.5 * (low + high)
            if mid == low || mid == high { break }
            if cdf(mid, degreesOfFreedom: nu) < p { low = mid } else { high = mid }
        }
        return 0.5 * (low + high)
    }

    /// I_x(a, b), the regularized incomplete beta function, for 0 ≤ x ≤ 1.
    static func regularizedIncompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
        // The continued fraction converges fast for x < (a + 1)/(a + b + 2); use the symmetry
        // I_x(a, b) = 1 − I_{1−x}(b, a) on the other side.
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * continuedFraction(x, a: a, b: b) / a
        }
        return 1 - exp(logFront) * continuedFraction(1 - x, a: b, b: a) / b
    }

    /// The continued fraction of I_x(a, b) by the modified Lentz method (Numerical Recipes `betacf`).
    private static func continuedFraction(_ x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...100_000 {
            let m = Double(m)
            let even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + even * d; if abs(d) < tiny { d = tiny }
            c = 1 + even / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + odd * d; if abs(d) < tiny { d = tiny }
            c = 1 + odd / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let step = d * c
            h *= step
            if abs(step - 1) < 1e-15 { break }
        }
        return h
    }
}
