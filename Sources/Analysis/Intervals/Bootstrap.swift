import Tensor

/// Percentile bootstrap intervals (Efron & Tibshirani 1993, *An Introduction to the Bootstrap*, §13.3).
///
/// Draw `resamples` samples of size n with replacement, compute the statistic on each, and take
/// the type-7 quantiles α/2 and 1 − α/2 of those values. Resampling indices come from
/// `nextIndex(below:)` of a `SeededGenerator`, so a seed fixes the interval bit for bit.
public enum Bootstrap {
    /// The seed used when a caller does not pass one: every report interval is reproducible.
    public static let defaultSeed: UInt64 = 0x5155_414E_544C_4142  // "QUANTLAB"
    /// The default number of resamples; the Monte-Carlo error of a 95 % percentile endpoint is
    /// then well under the interval's own width for the sample sizes of our timings (5–50).
    public static let defaultResamples = 2000
    /// The smallest sample a bootstrap interval is drawn from. Below it the resamples of a
    /// handful of values take only a few distinct medians (two values give three), so the
    /// "interval" describes the resampling, not the uncertainty: the estimate is returned with
    /// NaN endpoints, which tables print as no interval.
    public static let minimumSample = 5

    /// A percentile-bootstrap interval of `statistic` over `values`.
    /// - Parameters:
    ///   - values: the sample; at least one value.
    ///   - level: the coverage in (0, 1).
    ///   - resamples: how many bootstrap samples to draw.
    ///   - rng: the generator that picks the resampled indices.
    ///   - statistic: the statistic of one sample (e.g. the median).
    /// - Returns: `statistic(values)` with the percentile interval; NaN endpoints if any
    ///   resampled statistic is NaN, or when there are fewer than `minimumSample` values.
    public static func interval(
        of values: [Double], level: Double = 0.95, resamples: Int = defaultResamples,
        using rng: inout some RandomNumberGenerator, statistic: ([Double]) -> Double
    ) -> ConfidenceInterval {
        precondition(!values.isEmpty, "bootstrap of an empty sample")
        guard values.count >= minimumSample else {
            return withoutInterval(statistic(values), level: level, resamples: resamples)
        }
        let estimates = (0..<resamples).map { _ in statistic(resample(values, using: &rng)) }
        return percentile(estimate: statistic(values), of: estimates, level: level, resamples: resamples)
    }

    /// One resample of `values`: n indices drawn uniformly with replacement.
    static func resample(_ values: [Double], using rng: inout some RandomNumberGenerator) -> [Double] {
        values.indices.map { _ in values[rng.nextIndex(below: values.count)] }
    }

    /// `estimate` with NaN endpoints: a sample too small for an interval.
    static func withoutInterval(_ estimate: Double, level: Double, resamples: Int) -> ConfidenceInterval {
        ConfidenceInterval(estimate: estimate, lower: .nan, upper: .nan, level: level, method: .bootstrapPercentile(resamples: resamples))
    }

    static func percentile(estimate: Double, of estimates: [Double], level: Double, resamples: Int)
        -> ConfidenceInterval
    {
        precondition(level > 0 && level < 1, "confidence level \(level) outside (0, 1)")
        precondition(resamples > 0, "bootstrap needs at least one resample")
        let alpha = 1 - level
        let q = estimates.quantiles([alpha / 2, 1 - alpha / 2])
        return ConfidenceInterval(
            estimate: estimate, lower: q[0], upper: q[1], level: level,
            method: .bootstrapPercentile(resamples: resamples))
    }
}

extension Collection<Double> {
    /// The median with a percentile-bootstrap interval, reproducible from `seed`.
    /// - Parameters:
    ///   - level: the coverage, 0.95 by default.
    ///   - resamples: bootstrap samples, `Bootstrap.defaultResamples` by default.
    ///   - seed: seeds a `SeededGenerator`; `Bootstrap.defaultSeed` by default.
    /// - Precondition: the collection is not empty.
    public func medianConfidenceInterval(
        level: Double = 0.95, resamples: Int = Bootstrap.defaultResamples, seed: UInt64 = Bootstrap.defaultSeed
    ) -> ConfidenceInterval {
        var rng = SeededGenerator(seed: seed)
        let values = Array(self)
        precondition(!values.isEmpty, "bootstrap of an empty sample")
        guard !values.contains(where: \.isNaN), values.count >= Bootstrap.minimumSample else {
            return Bootstrap.interval(of: values, level: level, resamples: resamples, using: &rng) { $0.median() }
        }
        return Bootstrap.medianInterval(values, level: level, resamples: resamples, using: &rng)
    }
}

extension Bootstrap {
    /// `interval(of: values, …) { $0.median() }` without sorting each resample: the same draws
    /// in the same order, and the same type-7 median `x₍ₗ₎ + f·(x₍ₗ₊₁₎ − x₍ₗ₎)` (l = ⌊(n − 1)/2⌋),
    /// so the same interval bit for bit (tested). A resample is kept as counts per rank of the
    /// sorted sample, and its two middle order statistics are read off the running count.
    /// Sorting every resample in generic code cost about 40 ms per interval of 20 values in a
    /// debug build (the chapter tests build a few hundred); counting costs O(n) per resample.
    /// - Precondition: `values` is not empty and holds no NaN.
    static func medianInterval(
        _ values: [Double], level: Double, resamples: Int, using rng: inout some RandomNumberGenerator
    ) -> ConfidenceInterval {
        let n = values.count
        let order = values.indices.sorted { values[$0] < values[$1] }
        let sorted = order.map { values[$0] }
        var rank = [Int](repeating: 0, count: n)
        for (r, i) in order.enumerated() { rank[i] = r }
        let h = Double(n - 1) * 0.5
        let lower = Int(h.rounded(.down))
        let fraction = h - Double(lower)
        var counts = [Int](repeating: 0, count: n)
        var estimates: [Double] = []
        estimates.reserveCapacity(resamples)
        for _ in 0..<resamples {
            for k in 0..<n { counts[k] = 0 }
            for _ in 0..<n { counts[rank[rng.nextIndex(below: n)]] += 1 }
            // The rank k holding position `lower` of the sorted resample, and the one after it.
            var seen = 0, k = 0
            while seen + counts[k] <= lower {
                seen += counts[k]
                k += 1
            }
            let a = sorted[k]
            guard lower + 1 < n else {
                estimates.append(a)
                continue
            }
            var next = k
            if seen + counts[k] <= lower + 1 {
                next += 1
                while counts[next] == 0 { next += 1 }
            }
            estimates.append(a + fraction * (sorted[next] - a))
        }
        return percentile(estimate: values.median(), of: estimates, level: level, resamples: resamples)
    }
}
