/// Tracks the clipping range of activations across batches by an exponential moving average
/// of each batch's min and max (PyTorch's `MovingAverageMinMaxObserver`):
/// ```
/// lo ← lo + c · (min(batch) − lo),   hi ← hi + c · (max(batch) − hi)
/// ```
/// The first batch sets the range directly.
public struct MovingAverageMinMaxObserver: Sendable, Hashable {
    /// The averaging constant c ∈ (0, 1]; 1 keeps only the latest batch.
    public let averagingConstant: Float
    /// The current range, `nil` before the first batch.
    public private(set) var range: ClippingRange?

    /// - Precondition: `0 < averagingConstant ≤ 1`.
    public init(averagingConstant: Float = 0.01) {
        precondition(averagingConstant > 0 && averagingConstant <= 1, "MovingAverageMinMaxObserver: constant outside (0, 1]")
        self.averagingConstant = averagingConstant
    }

    /// Folds one batch into the running range; an empty batch changes nothing.
    public mutating func observe(_ values: [Float]) {
        guard !values.isEmpty else { return }
        let batch = MinMax.range(of: values, symmetric: false)
        guard let old = range else {
            range = batch
            return
        }
        let c = averagingConstant
        range = ClippingRange(
            lower: old.lower + c * (batch.lower - old.lower), upper: old.upper + c * (batch.upper - old.upper))
    }
}
