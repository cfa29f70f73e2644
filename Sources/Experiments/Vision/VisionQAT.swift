#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NN
import Records
import Runner
import Tensor

/// Quantization-aware training of a folded model (the CNN or the MLP) from its FP32 parameters: every layer's
/// weights and inputs pass through fake quantizers while it is fine-tuned, and the iterate with
/// the best validation accuracy is kept.
///
/// ```
/// weights:  symmetric, one range per tensor; STE: the tensor's min-max at each step;
///           LSQ: a learned step per tensor (Esser et al., 2020)
/// inputs:   asymmetric, one range per tensor, a moving average of the batches' min-max
///           (averaging constant 0.01), fixed at inference; gradients straight through
/// lr(epoch e of E) = lr₀ · (1 + cos(π · (e − 1) / E)) / 2
/// ```
/// Inputs keep the observed asymmetric grid with both methods: the layers' inputs are pixels
/// and ReLU outputs, which a symmetric learned grid (LSQ's) would spend half its codes on.
struct VisionQAT {
    /// One QAT setting.
    struct Setting: Hashable {
        /// Weight code width, in bits.
        var weightBits: Int
        /// Input code width, in bits.
        var activationBits: Int
        /// `ste` or `lsq`.
        var method: String
    }

    let parameters: VisionParameters
    let data: VisionData
    /// The model fine-tuned (the CNN or the MLP), for its quantizable layers.
    var model: VisionModel = .cnn
    /// Maps the section's streams to this model's own.
    var streams: (VisionStream) -> VisionStream = { $0 }

    /// The settings of the parameters, in record order.
    static func settings(_ p: VisionParameters) -> [Setting] {
        p.qatBits.flatMap { pair in ["ste", "lsq"].map { Setting(weightBits: pair[0], activationBits: pair[1], method: $0) } }
    }

    /// The folded model fine-tuned under `setting`, and the epoch kept.
    func train(_ folded: Sequential, _ setting: Setting, seed: Int, context: ExperimentContext) -> (model: Sequential, bestEpoch: Int) {
        var model = folded
        for (_, index) in self.model.layers {
            var layer = model.layers[index] as! any QuantizableLayer
            layer.weightQuantizer = setting.method == "lsq"
                ? LSQFakeQuantizer(bits: setting.weightBits)
                : STEFakeQuantizer(bits: setting.weightBits, symmetric: true, rangeSource: .current)
            layer.inputQuantizer = STEFakeQuantizer(
                bits: setting.activationBits, symmetric: false, rangeSource: .observed(averagingConstant: 0.01))
            model.layers[index] = layer
        }
        var optimizer = Adam(learningRate: parameters.qatLearningRate)
        var rng = context.generator(streams(.qatBatches(seed: seed, setting: Self.settings(parameters).firstIndex(of: setting)!)))
        var best = (accuracy: -1.0, epoch: 0, model: model)
        let epochs = max(1, parameters.qatEpochs)
        for epoch in 1...epochs {
            optimizer.learningRate = parameters.qatLearningRate * Float((1 + cos(Double.pi * Double(epoch - 1) / Double(epochs))) / 2)
            TrainingLoop(epochs: 1, batchSize: parameters.batchSize).fit(
                &model, optimizer: &optimizer, loss: SoftmaxCrossEntropy(), inputs: data.train.images,
                targets: data.train.labelTensor, using: &rng)
            let validation = Accuracy.fraction(logits: VisionModel.logits(model, data.validation.images), labels: data.validation.labelTensor)
            if validation > best.accuracy { best = (validation, epoch, model) }
        }
        return (best.model, best.epoch)
    }
}
