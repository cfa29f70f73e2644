public import Tensor

/// A scalar objective of a prediction and its target, with its gradient.
///
/// Softmax cross-entropy (vision) and next-token cross-entropy (language) arrive as more
/// conforming types.
public protocol Loss: Sendable {
    /// The loss value, reduced in FP64, and ∂L/∂prediction (FP32, the prediction's shape).
    /// - Precondition: shapes agree as the loss requires.
    func callAsFunction(_ prediction: Tensor, _ target: Tensor) -> (value: Double, gradient: Tensor)
}
