import Tensor

/// The ratio of two samples' medians with a percentile-bootstrap interval: speedups and
/// relative errors against a baseline measured in the same run.
///
/// ```
/// r = median(a) / median(b)
/// ```
/// Each resample draws `a` and `b` independently with replacement (the two were measured
/// separately) and records the ratio of their medians; the interval is the α/2 and 1 − α/2
/// type-7 quantiles of those ratios (Efron & Tibshirani 1993, §13.3). A bootstrap is used rather
/// than the delta method because timing samples are small and skewed, and a ratio's sampling
/// distribution is itself skewed: the percentile interval need not be symmetric.
public enum RatioInterval {
    /// `median(numerator) / median(denominator)` with its bootstrap interval.
    /// - Parameters:
    ///   - numerator: sample a (e.g. baseline times, for a speedup a/b).
    ///   - denominator: sample b.
    ///   - level: the coverage in (0, 1), 0.95 by default.
    ///   - resamples: bootstrap samples.
    ///   - seed: seeds the resampling; a fixed default makes the report reproducible.
    /// - Returns: the ratio; a zero denominator median gives ±∞ or NaN, as IEEE 754 division does;
    ///   NaN endpoints when either sample has fewer than `Bootstrap.minimumSample` values.
    /// - Precondition: both samples are non-empty.
    public static func ofMedians(
        _ numerator: [Double], over denominator: [Double], level: Double = 0.95,
        resamples: Int = Bootstrap.defaultResamples, seed: UInt64 = Bootstrap.defaultSeed
    ) -> ConfidenceInterval {
        precondition(!numerator.isEmpty && !denominator.isEmpty, "ratio of medians needs two non-empty samples")
        let estimate = numerator.median() / denominator.median()
        guard min(numerator.count, denominator.count) >= Bootstrap.minimumSample else {
            return Bootstrap.withoutInterval(estimate, level: level, resamples: resamples)
        }
        var rng = SeededGenerator(seed: seed)
        let ratios = (0..<resamples).map { _ in
            Bootstrap.resample(numerator, using: &rng).median() / Bootstrap.resample(denominator, using: &rng).median()
        }
        return Bootstrap.percentile(
            estimate: estimate, of: ratios, level: level, resamples: resamples)
    }
}
