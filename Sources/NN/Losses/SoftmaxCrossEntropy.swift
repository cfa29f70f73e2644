#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import Tensor

/// Cross-entropy of the softmax of logits against integer class labels, averaged over the batch
/// (PyTorch's `CrossEntropyLoss(reduction: "mean")`):
/// ```
/// L = (1/N) Σₙ ( log Σⱼ exp(zₙⱼ) − zₙ,yₙ ),      log Σⱼ exp(zⱼ) = m + log Σⱼ exp(zⱼ − m),  m = maxⱼ zⱼ
/// ∂L/∂zₙⱼ = (softmax(zₙ)ⱼ − 1[j = yₙ]) / N,      softmax(z)ⱼ = exp(zⱼ − m) / Σₖ exp(zₖ − m)
/// ```
/// Subtracting the row maximum (log-sum-exp) keeps every exponent ≤ 0, so no logit overflows
/// `exp` and the largest term is exactly 1 (no underflow of the whole sum). Each row is
/// computed in FP64, so the value is exact to FP64 rounding of FP32 logits; the gradient is
/// rounded to FP32 once. A NaN logit makes its row's loss NaN.
///
/// `prediction` is `[N, K]` logits; `target` holds N class indices in 0..<K stored as floats
/// (`[N]` or `[N, 1]`; integers up to 2²⁴ are exact in FP32), so it batches with
/// `Tensor.rows(at:)` like any target.
public struct SoftmaxCrossEntropy: Loss {
    /// The loss.
    public init() {}

    /// - Precondition: `prediction` is `[N, K]` with N, K ≥ 1; `target` has N elements, each an
    ///   integer in 0..<K.
    public func callAsFunction(_ prediction: Tensor, _ target: Tensor) -> (value: Double, gradient: Tensor) {
        precondition(prediction.rank == 2 && prediction.shape[0] >= 1 && prediction.shape[1] >= 1,
                     "SoftmaxCrossEntropy: logits \(prediction.shape) are not [N, K]")
        let (n, k) = (prediction.shape[0], prediction.shape[1])
        precondition(target.count == n, "SoftmaxCrossEntropy: \(target.count) labels for \(n) rows of logits")
        var total = 0.0
        var gradient = prediction
        var exps = [Double](repeating: 0, count: k)
        for row in 0..<n {
            let label = target.storage[row]
            precondition(label >= 0 && label < Float(k) && label.rounded(.towardZero) == label,
                         "SoftmaxCrossEntropy: label \(label) of row \(row) is not a class in 0..<\(k)")
            let z = prediction.storage[(row * k)..<((row + 1) * k)]
            let m = Double(z.max()!)
            var sum = 0.0
            for (j, zj) in z.enumerated() {
                exps[j] = exp(Double(zj) - m)
                sum += exps[j]
            }
            let y = Int(label)
            total += m + log(sum) - Double(z[z.startIndex + y])
            for j in 0..<k {
                gradient.storage[row * k + j] = Float((exps[j] / sum - (j == y ? 1 : 0)) / Double(n))
            }
        }
        return (total / Double(n), gradient)
    }
}
