/// A point estimate with a confidence interval around it.
public struct ConfidenceInterval: Hashable, Sendable {
    /// How an interval was computed.
    public enum Method: Hashable, Sendable {
        /// x̄ ± t(1 − α/2, n − 1)·s/√n (Student 1908).
        case studentT
        /// Percentile bootstrap (Efron & Tibshirani 1993, §13.3) with this many resamples.
        case bootstrapPercentile(resamples: Int)
    }

    /// The estimate from the full sample (not from the resamples).
    public let estimate: Double
    /// The lower end of the interval.
    public let lower: Double
    /// The upper end of the interval.
    public let upper: Double
    /// The nominal coverage, e.g. 0.95.
    public let level: Double
    /// How the interval was computed.
    public let method: Method

    /// An interval from its parts (tests, stored analyses).
    public init(estimate: Double, lower: Double, upper: Double, level: Double, method: Method) {
        self.estimate = estimate
        self.lower = lower
        self.upper = upper
        self.level = level
        self.method = method
    }

    /// Half the width, `(upper − lower) / 2`: the "±" of a symmetric interval.
    public var halfWidth: Double { (upper - lower) / 2 }

    /// Whether the interval has endpoints (a bootstrap of fewer than `Bootstrap.minimumSample`
    /// values has none: its endpoints are NaN).
    public var hasInterval: Bool { !lower.isNaN && !upper.isNaN }

    /// Whether `value` lies in [lower, upper].
    public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }
}
