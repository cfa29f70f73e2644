/// The sample indices of one epoch cut into mini-batches, in a seeded shuffled order.
public enum MiniBatches {
    /// A Fisher–Yates shuffle of `0..<count` (Tensor's `shuffle`, driven only by
    /// `nextIndex(below:)`), cut into consecutive batches of `batchSize`; the last batch holds
    /// the remainder when `batchSize` does not divide `count`.
    /// - Precondition: `count ≥ 1`, `batchSize ≥ 1`.
    public static func shuffled(count: Int, batchSize: Int, using rng: inout some RandomNumberGenerator) -> [[Int]] {
        precondition(count >= 1 && batchSize >= 1, "MiniBatches: count \(count), batch size \(batchSize)")
        var order = Array(0..<count)
        rng.shuffle(&order)
        return stride(from: 0, to: count, by: batchSize).map { Array(order[$0..<min($0 + batchSize, count)]) }
    }
}
