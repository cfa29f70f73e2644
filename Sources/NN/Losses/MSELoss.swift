public import Tensor

/// Mean squared error over every element:
/// ```
/// L = (1/M) Σᵢ (pᵢ − tᵢ)²,   ∂L/∂pᵢ = (2/M)(pᵢ − tᵢ)
/// ```
/// M is the element count (batch × outputs), as PyTorch's `MSELoss(reduction: "mean")`.
/// The sum is accumulated in FP64 so that the value is exact to FP32's rounding of the
/// residuals, which gradient checks rely on.
public struct MSELoss: Loss {
    /// The loss.
    public init() {}

    /// - Precondition: `prediction` and `target` have the same shape and at least one element.
    public func callAsFunction(_ prediction: Tensor, _ target: Tensor) -> (value: Double, gradient: Tensor) {
        precondition(prediction.shape == target.shape, "MSELoss: prediction \(prediction.shape), target \(target.shape)")
        precondition(prediction.count > 0, "MSELoss: empty prediction")
        let m = Float(prediction.count)
        var sum = 0.0
        var gradient = prediction
        for i in prediction.storage.indices {
            let r = prediction.storage[i] - target.storage[i]
            sum += Double(r) * Double(r)
            gradient.storage[i] = 2 * r / m
        }
        return (sum / Double(prediction.count), gradient)
    }
}
