#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NN
import Records
import Tensor

/// A model's answers on the test images, and how a quantized model's compare with its FP32 parent's.
struct VisionEvaluation {
    /// The logits, `[N, 10]`.
    let logits: Tensor
    /// The predicted class of every image.
    let predictions: [Int]

    /// `model`'s answers on `images`.
    init(_ model: Sequential, _ images: Tensor) {
        self.init(logits: VisionModel.logits(model, images))
    }

    /// The answers that `logits` (`[N, 10]`, e.g. from an inference engine) give.
    init(logits: Tensor) {
        self.logits = logits
        predictions = Accuracy.predictedClasses(logits)
    }

    /// The measurements of this (quantized) model against `parent` on images labelled `labels`:
    /// accuracy, the paired 2×2 counts, and the SQNR of the logits,
    /// `10·log₁₀(Σ ℓ_FP32² / Σ (ℓ − ℓ_FP32)²)` in dB (∞ when the logits are identical).
    func measurements(against parent: VisionEvaluation, labels: [Int]) -> [VisionSchema.Metric: Measurement] {
        var counts = (bothRight: 0, parentOnly: 0, childOnly: 0, bothWrong: 0)
        for (i, label) in labels.enumerated() {
            switch (parent.predictions[i] == label, predictions[i] == label) {
            case (true, true): counts.bothRight += 1
            case (true, false): counts.parentOnly += 1
            case (false, true): counts.childOnly += 1
            case (false, false): counts.bothWrong += 1
            }
        }
        var signal = 0.0, noise = 0.0
        for (a, b) in zip(parent.logits.storage, logits.storage) {
            signal += Double(a) * Double(a)
            noise += (Double(b) - Double(a)) * (Double(b) - Double(a))
        }
        return [
            .accuracy: Measurement(Double(counts.bothRight + counts.childOnly) / Double(labels.count)),
            .bothRight: Measurement(Double(counts.bothRight)), .parentOnly: Measurement(Double(counts.parentOnly)),
            .childOnly: Measurement(Double(counts.childOnly)), .bothWrong: Measurement(Double(counts.bothWrong)),
            .logitSQNR: Measurement(noise == 0 ? .infinity : 10 * log10(signal / noise), unit: "dB"),
        ]
    }
}
