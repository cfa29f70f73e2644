/// The usual description of a sample: count, extremes, quartiles, mean and spread.
///
/// Quartiles are type-7 quantiles (see `Collection.quantile(_:)`), the standard deviation is
/// the sample one (n − 1). A NaN in the sample makes every statistic NaN, rather than letting
/// it sort to an arbitrary place.
public struct Summary: Hashable, Sendable {
    public let count: Int
    public let minimum: Double
    public let lowerQuartile: Double
    public let median: Double
    public let upperQuartile: Double
    public let maximum: Double
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
