#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Tensor

/// How a quantized classifier's answers compare with its FP32 parent's on the same test images:
/// the 2×2 table of (parent right?, child right?).
///
/// ```
///                 child right   child wrong
/// parent right       n₁₁           n₁₀
/// parent wrong       n₀₁           n₀₀
/// ```
/// The two accuracies share the images, so their difference is judged on the discordant cells
/// only (McNemar 1947): "no loss" is a statement with an interval, not a difference of two numbers.
public struct PairedOutcomes: Hashable, Sendable {
    /// Images both classify correctly, n₁₁.
    public let bothRight: Int
    /// Images only the parent classifies correctly, n₁₀.
    public let parentOnly: Int
    /// Images only the child classifies correctly, n₀₁.
    public let childOnly: Int
    /// Images both get wrong, n₀₀.
    public let bothWrong: Int

    /// A table of counts.
    /// - Precondition: every count is non-negative and at least one image was classified.
    public init(bothRight: Int, parentOnly: Int, childOnly: Int, bothWrong: Int) {
        precondition(min(bothRight, parentOnly, childOnly, bothWrong) >= 0, "negative count")
        precondition(bothRight + parentOnly + childOnly + bothWrong > 0, "no images")
        self.bothRight = bothRight
        self.parentOnly = parentOnly
        self.childOnly = childOnly
        self.bothWrong = bothWrong
    }

    /// The number of images, n.
    public var count: Int { bothRight + parentOnly + childOnly + bothWrong }

    /// The parent's accuracy, (n₁₁ + n₁₀) / n.
    public var parentAccuracy: Double { Double(bothRight + parentOnly) / Double(count) }

    /// The child's accuracy, (n₁₁ + n₀₁) / n.
    public var childAccuracy: Double { Double(bothRight + childOnly) / Double(count) }

    /// The child's accuracy minus the parent's, (n₀₁ − n₁₀) / n.
    public var difference: Double { Double(childOnly - parentOnly) / Double(count) }

    /// The share of images on which the two disagree about correctness, (n₁₀ + n₀₁) / n.
    public var discordance: Double { Double(parentOnly + childOnly) / Double(count) }

    /// The two-sided exact McNemar p-value: under "no difference" each of the d = n₁₀ + n₀₁
    /// discordant images favours either model with probability ½, so
    /// ```
    /// p = min(1, 2 · P(X ≤ min(n₁₀, n₀₁))),  X ~ Binomial(d, ½)
    /// ```
    /// 1 when there are no discordant images. Terms are summed in log space (`lgamma`), exact to
    /// a few ulps for any d this study meets.
    public var mcNemarPValue: Double {
        let d = parentOnly + childOnly
        guard d > 0 else { return 1 }
        let k = min(parentOnly, childOnly)
        let logHalf = Double(d) * log(0.5)
        var tail = 0.0
        for i in 0...k {
            tail += exp(lgamma(Double(d + 1)) - lgamma(Double(i + 1)) - lgamma(Double(d - i + 1)) + logHalf)
        }
        return min(1, 2 * tail)
    }

    /// A paired percentile-bootstrap interval of `difference`: resampling n images with
    /// replacement is drawing n cells from the table's four with probabilities n_ij / n.
    /// - Parameters:
    ///   - level: the coverage in (0, 1).
    ///   - resamples: bootstrap samples.
    ///   - seed: seeds the generator, so the interval is reproducible bit for bit.
    public func differenceInterval(
        level: Double = 0.95, resamples: Int = Bootstrap.defaultResamples, seed: UInt64 = Bootstrap.defaultSeed
    ) -> ConfidenceInterval {
        var rng = SeededGenerator(seed: seed)
        let n = count
        let favoursParent = parentOnly, discordant = parentOnly + childOnly
        let estimates = (0..<resamples).map { _ -> Double in
            var delta = 0
            for _ in 0..<n {
                let cell = rng.nextIndex(below: n)
                // Cells laid out as [parentOnly | childOnly | concordant]: only the first two move the difference.
                if cell < favoursParent { delta -= 1 } else if cell < discordant { delta += 1 }
            }
            return Double(delta) / Double(n)
        }
        return Bootstrap.percentile(estimate: difference, of: estimates, level: level, resamples: resamples)
    }
}
