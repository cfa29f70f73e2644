public import Tensor

/// Classification accuracy from logits: the fraction of rows whose largest logit is at the
/// label's index.
///
/// ```
/// ŷₙ = argmaxⱼ zₙⱼ   (first maximum; NaN logits never win),   accuracy = (1/N) Σₙ 1[ŷₙ = yₙ]
/// ```
/// Softmax is monotone, so the argmax of the logits is the argmax of the probabilities.
public enum Accuracy {
    /// ŷₙ for every row of `[N, K]` logits; a row of NaNs predicts class 0.
    /// - Precondition: `logits` is `[N, K]` with K ≥ 1.
    public static func predictedClasses(_ logits: Tensor) -> [Int] {
        precondition(logits.rank == 2 && logits.shape[1] >= 1, "Accuracy: logits \(logits.shape) are not [N, K]")
        let k = logits.shape[1]
        return (0..<logits.shape[0]).map { row in
            var best = 0
            var bestValue = -Float.infinity
            for j in 0..<k {
                let z = logits.storage[row * k + j]
                // `>` keeps the first maximum and never selects NaN.
                if z > bestValue {
                    best = j
                    bestValue = z
                }
            }
            return best
        }
    }

    /// The fraction of rows of `[N, K]` logits whose predicted class equals the label.
    /// - Parameter labels: N class indices stored as floats (`[N]` or `[N, 1]`).
    /// - Returns: a value in [0, 1].
    /// - Precondition: N ≥ 1 and one label per row.
    public static func fraction(logits: Tensor, labels: Tensor) -> Double {
        let predicted = predictedClasses(logits)
        precondition(!predicted.isEmpty && labels.count == predicted.count,
                     "Accuracy: \(labels.count) labels for \(predicted.count) rows of logits")
        let correct = zip(predicted, labels.storage).count { Float($0.0) == $0.1 }
        return Double(correct) / Double(predicted.count)
    }
}
