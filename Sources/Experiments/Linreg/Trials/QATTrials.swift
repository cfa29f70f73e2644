import NN
import Records
import Runner
import Tensor

/// Family 4: quantization-aware training against PTQ at the same bits.
///
/// Every model starts from the FP64 fit (rounded to FP32) of the fold, on standardised data:
/// - `ptq`: symmetric min-max fake quantization applied without training (the same grid as
///   family 2's symmetric INT b; inputs, when quantized, use the training split's min-max);
/// - `qat-ste`: the same quantizers, fine-tuned with the straight-through estimator;
/// - `qat-lsq`: LSQ quantizers (learned step sizes, Esser et al., 2020), fine-tuned;
/// - `fp32`: the unquantized model, once per fold.
/// Fine-tuning is Adam on MSE with seeded mini-batches (`TrainingLoop`). Quantizers are per
/// tensor; before training one forward over the whole training split calibrates them (the
/// input observer's first range, LSQ's initial steps). One record per (dataset, repeat, fold,
/// bits, targets, method, seed); PTQ and FP32 are deterministic and recorded with seed 0,
/// QAT with seeds 1…S. Measurements `testRMSE` (target units), `testR2`, `trainLoss` (final
/// epoch's mean batch MSE, standardised units; 0 epochs for PTQ and FP32 give the loss of the
/// model as it is on the training split).
struct QATTrials {
    let parameters: LinregParameters
    let plan: FoldPlan
    let context: ExperimentContext

    /// What is quantized.
    static let targets = ["weights", "weights+inputs"]

    func run() -> [TrialRecord] {
        var records: [TrialRecord] = []
        for (e, entry) in plan.entries.enumerated() {
            let fold = entry.fold
            let trainX = Tensor(fold.trainX), testX = Tensor(fold.testX)
            let trainY = Tensor(shape: [fold.trainY.count, 1], storage: fold.trainY.map(Float.init))
            let start = Linear(
                weight: Tensor(shape: [1, entry.reference.weights.count], storage: entry.reference.weights.map(Float.init)),
                bias: Tensor(shape: [1], storage: [Float(entry.reference.bias)]))
            func record(_ model: Linear, _ extra: [LinregSchema.Parameter: ParameterValue], trainLoss: Double) -> TrialRecord {
                let p = entry.parameters.merging(extra) { $1 }
                let prediction = model(testX).storage.map(Double.init)
                var m = TrialMeasurements.prediction(prediction, fold.testY, scale: fold.targetScale, unit: entry.dataset.targetUnit)
                m[.trainLoss] = Measurement(trainLoss)
                return LinregSchema.record(.qat, p, m)
            }
            records.append(record(start, [.method: "fp32", .bits: 32, .targets: "none", .seed: 0],
                                  trainLoss: MSELoss()(start(trainX), trainY).value))
            for bits in parameters.qatBits {
                for targets in Self.targets {
                    for method in ["ptq", "qat-ste", "qat-lsq"] {
                        let seeds = method == "ptq" ? 0...0 : 1...parameters.qatSeeds
                        for seed in seeds {
                            var model = start
                            let lsq = method == "qat-lsq"
                            model.weightQuantizer = lsq ? LSQFakeQuantizer(bits: bits) : STEFakeQuantizer(bits: bits)
                            if targets == "weights+inputs" {
                                model.inputQuantizer = lsq
                                    ? LSQFakeQuantizer(bits: bits, perSampleCount: true)
                                    : STEFakeQuantizer(bits: bits, rangeSource: .observed(averagingConstant: 0.01))
                            }
                            // Calibration pass: sets the observed input range and LSQ's initial steps.
                            _ = model.forward(trainX)
                            model.zeroGradients()
                            var loss = MSELoss()(model(trainX), trainY).value
                            if method != "ptq" {
                                var optimizer = Adam(learningRate: Float(parameters.qatLearningRate))
                                var rng = context.generator(LinregStream.qatBatches(entry: e, bits: bits, seed: seed))
                                let history = TrainingLoop(epochs: parameters.qatEpochs, batchSize: parameters.qatBatchSize)
                                    .fit(&model, optimizer: &optimizer, loss: MSELoss(), inputs: trainX, targets: trainY, using: &rng)
                                loss = history.last ?? loss
                            }
                            records.append(record(model, [
                                .method: .string(method), .bits: .int(bits), .targets: .string(targets), .seed: .int(seed),
                            ], trainLoss: loss))
                        }
                    }
                }
            }
            context.progress.advance(task: "qat \(entry.dataset.rawValue) fold \(entry.foldIndex)")
        }
        return records
    }
}
