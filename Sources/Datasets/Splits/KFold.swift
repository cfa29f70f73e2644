/// A seeded k-fold partition of `0..<count` for cross-validation: k disjoint folds that
/// together cover every index once; fold i is the test part of the i-th split.
public struct KFold: Equatable, Sendable {
    /// The folds, each in shuffled order; sizes differ by at most one (the first
    /// `count mod k` folds hold one more).
    public let folds: [[Int]]

    /// Shuffles `0..<count` (Fisher–Yates on the seeded generator), then cuts it into `k`
    /// consecutive folds of ⌊count/k⌋ or ⌈count/k⌉ indices.
    /// - Parameters:
    ///   - count: number of samples.
    ///   - k: number of folds, `2 ≤ k ≤ count`.
    ///   - rng: the seeded generator.
    public init(count: Int, k: Int, using rng: inout some RandomNumberGenerator) {
        precondition(k >= 2 && k <= count, "KFold: needs 2 ≤ k ≤ count, got k = \(k), count = \(count)")
        var order = Array(0..<count)
        rng.shuffle(&order)
        var folds: [[Int]] = []
        var start = 0
        for fold in 0..<k {
            let size = count / k + (fold < count % k ? 1 : 0)
            folds.append(Array(order[start..<start + size]))
            start += size
        }
        self.folds = folds
    }

    /// Number of folds.
    public var k: Int { folds.count }

    /// The i-th split: fold i is the test part, the other folds (in fold order) the training part.
    /// - Precondition: `0 ≤ fold < k`.
    public func split(_ fold: Int) -> TrainTestSplit {
        precondition(fold >= 0 && fold < k, "KFold: fold \(fold) outside 0..<\(k)")
        let train = folds.indices.filter { $0 != fold }.flatMap { folds[$0] }
        return TrainTestSplit(train: train, test: folds[fold])
    }
}
