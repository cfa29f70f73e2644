import Datasets
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NN
import Records
import Runner
import Tensor

/// FP32 training of one seed: Adam with a cosine learning-rate schedule, the iterate with the
/// best validation accuracy kept.
///
/// ```
/// lr(epoch e of E) = lr₀ · (1 + cos(π · (e − 1) / E)) / 2
/// ```
struct VisionTraining {
    let parameters: VisionParameters
    let data: VisionData
    /// The model trained.
    let model: VisionModel
    /// Epochs of training.
    let epochs: Int
    /// Maps the section's streams to this model's own.
    var streams: (VisionStream) -> VisionStream = { $0 }

    /// The trained model (batch norm not yet folded), its best epoch, and one `epoch` record per epoch.
    func train(seed: Int, context: ExperimentContext) -> (model: Sequential, bestEpoch: Int, records: [TrialRecord]) {
        var initRNG = context.generator(streams(.initialisation(seed: seed)))
        var model = self.model.make(&initRNG)
        var batchRNG = context.generator(streams(.batches(seed: seed)))
        var optimizer = Adam(learningRate: parameters.learningRate)
        let loss = SoftmaxCrossEntropy()
        let (images, labels) = (data.train.images, data.train.labelTensor)
        var best = (accuracy: -1.0, epoch: 0, model: model)
        var records: [TrialRecord] = []
        for epoch in 1...max(1, epochs) {
            let rate = parameters.learningRate * Float((1 + cos(Double.pi * Double(epoch - 1) / Double(epochs))) / 2)
            optimizer.learningRate = rate
            // One epoch at a time through the shared loop, so validation can pick the iterate.
            let (trainLoss, seconds) = context.timed {
                TrainingLoop(epochs: 1, batchSize: parameters.batchSize).fit(
                    &model, optimizer: &optimizer, loss: loss, inputs: images, targets: labels, using: &batchRNG)[0]
            }
            let validation = Accuracy.fraction(logits: VisionModel.logits(model, data.validation.images), labels: data.validation.labelTensor)
            records.append(VisionSchema.record(
                .epoch, [.model: .string(self.model.name), .seed: .int(seed), .epoch: .int(epoch)],
                [.trainLoss: Measurement(trainLoss, unit: "nat"), .learningRate: Measurement(Double(rate)),
                 .validationAccuracy: Measurement(validation), .seconds: .timing(seconds, unit: "s")]))
            if validation > best.accuracy { best = (validation, epoch, model) }
            context.progress.advance()
        }
        return (best.model, best.epoch, records)
    }
}
