/// Sample indices divided into a training part and a disjoint test part.
public struct TrainTestSplit: Equatable, Sendable {
    /// Indices of the training samples.
    public let train: [Int]
    /// Indices of the test samples; disjoint from `train`.
    public let test: [Int]

    /// Creates a split from index lists.
    /// - Precondition: the lists are disjoint.
    public init(train: [Int], test: [Int]) {
        precondition(Set(train).isDisjoint(with: test), "TrainTestSplit: train and test share indices")
        self.train = train
        self.test = test
    }

    /// A seeded random split of `0..<count`: a Fisher–Yates shuffle (`shuffle` of the Tensor
    /// module, driven by `nextIndex(below:)`), then the first `testCount` shuffled indices are
    /// the test part and the rest, in shuffled order, the training part:
    /// ```
    /// testCount = clamp(round(count · testFraction), 1, count − 1)
    /// ```
    /// (rounding half away from zero), so neither part is ever empty. The same seed gives the
    /// same split on every platform.
    /// - Parameters:
    ///   - count: number of samples, ≥ 2.
    ///   - testFraction: the share of samples held out, in (0, 1).
    ///   - rng: the seeded generator.
    public static func shuffled(
        count: Int, testFraction: Double, using rng: inout some RandomNumberGenerator
    ) -> TrainTestSplit {
        precondition(count >= 2, "TrainTestSplit: needs at least 2 samples, got \(count)")
        precondition(testFraction > 0 && testFraction < 1, "TrainTestSplit: test fraction \(testFraction) outside (0, 1)")
        var order = Array(0..<count)
        rng.shuffle(&order)
        let testCount = min(count - 1, max(1, Int((Double(count) * testFraction).rounded())))
        return TrainTestSplit(train: Array(order[testCount...]), test: Array(order[..<testCount]))
    }
}
