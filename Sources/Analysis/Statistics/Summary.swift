/// The usual description of a sample: count, extremes, quartiles, mean and spread.
///
/// Quartiles are type-7 quantiles (see `Collection.quantile(_:)`), the standard deviation is
/// the sample one (n − 1). A NaN in the sample makes every statistic NaN, rather than letting
/// it sort to an arbitrary place.
public struct Summary: Hashable, Sendable {
    /// The number of values.
    public let count: Int
    /// The smallest value (type-7 quantile 0).
    public let minimum: Double
    /// The type-7 quantile ¼.
    public let lowerQuartile: Double
    /// The type-7 quantile ½.
    public let median: Double
    /// The type-7 quantile ¾.
    public let upperQuartile: Double
    /// The largest value (type-7 quantile 1).
    public let maximum: Double
    /// The arithmetic mean.
    public let mean: Double
    /// Sample standard deviation; NaN when `count` is 1.
    public let standardDeviation: Double

    /// Summarizes `values`.
    /// - Precondition: `values` is not empty.
    public init(_ values: some Collection<Double>) {
        precondition(!values.isEmpty, "summary of an empty sample")
        count = values.count
        let q = values.quantiles([0, 0.25, 0.5, 0.75, 1])
        (minimum, lowerQuartile, median, upperQuartile, maximum) = (q[0], q[1], q[2], q[3], q[4])
        mean = values.mean()
        standardDeviation = values.standardDeviation()
    }

    /// The interquartile range Q3 − Q1.
    public var interquartileRange: Double { upperQuartile - lowerQuartile }
}
