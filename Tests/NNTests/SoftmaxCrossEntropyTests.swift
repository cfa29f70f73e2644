import NN
import Tensor
import Testing

/// Cross-entropy on logits worked out by hand, its stability, and accuracy.
@Suite("Softmax cross-entropy")
struct SoftmaxCrossEntropyTests {
    @Test("value and gradient worked by hand")
    func handWorked() {
        // Row 1: z = (1, 2, 3), label 2.  log Σ eᶻ = 3 + log(e⁻² + e⁻¹ + 1) = 3 + log 1.5032147244 = 3.4076059644
        //        loss 0.4076059644;  softmax = (0.0900305732, 0.2447284711, 0.6652409558)
        // Row 2: z = (0, 0, 0), label 1.  loss log 3 = 1.0986122887;  softmax = (1/3, 1/3, 1/3)
        // Mean loss (0.4076059644 + 1.0986122887)/2 = 0.7531091265; gradient (softmax − one-hot)/2.
        let logits = Tensor(shape: [2, 3], storage: [1, 2, 3, 0, 0, 0])
        let (value, gradient) = SoftmaxCrossEntropy()(logits, Tensor(shape: [2], storage: [2, 1]))
        #expect(abs(value - 0.7531091265) < 1e-9, "loss \(value)")
        let expected: [Float] = [0.0450152866, 0.1223642356, -0.1673795221, 1.0 / 6, -1.0 / 3, 1.0 / 6]
        for (g, e) in zip(gradient.storage, expected) {
            #expect(abs(g - e) < 1e-7, "gradient \(gradient.storage), expected \(expected)")
        }
    }

    @Test("large logits do not overflow: log-sum-exp subtracts the maximum")
    func stability() {
        let logits = Tensor(shape: [2, 2], storage: [1000, 0, -1000, 1000])
        let (value, gradient) = SoftmaxCrossEntropy()(logits, Tensor(shape: [2, 1], storage: [1, 0]))
        // Row 1: log(1 + e⁻¹⁰⁰⁰) + 1000 − 0 = 1000;  row 2: log(e⁻²⁰⁰⁰ + 1) + 1000 + 1000 = 2000.
        #expect(value == 1500, "loss \(value)")
        #expect(gradient.storage == [0.5, -0.5, -0.5, 0.5])
    }

    @Test("accuracy: argmax per row (first maximum, NaN never wins) against the labels")
    func accuracy() {
        let logits = Tensor(shape: [4, 3], storage: [
            0.1, 0.7, 0.2,
            2, 2, 1,
            .nan, -1, 3,
            -5, -4, -6,
        ])
        #expect(Accuracy.predictedClasses(logits) == [1, 0, 2, 1])
        #expect(Accuracy.fraction(logits: logits, labels: Tensor(shape: [4], storage: [1, 1, 2, 0])) == 0.5)
    }
}
