import Datasets
import NN
import QuantCore
import Records
import Runner
import Tensor

/// Family 4: quantization-aware training against PTQ at the same bits, with the training
/// curves of one fold per dataset (`qat-epoch`).
///
/// Every model starts from the fold's FP64 fit (rounded to FP32), on standardised data. A
/// seeded share `qatValidationFraction` of the fold's training rows is held out as the
/// validation part; the rest (the fitting part) calibrates the quantizers and trains:
/// - `ptq`: symmetric min-max fake quantization applied without training (the same grid as
///   family 2's symmetric INT b; inputs, when quantized, use the fitting part's min-max);
/// - `qat-ste`: the same quantizers, fine-tuned with the straight-through estimator;
/// - `qat-lsq`: LSQ quantizers (learned step sizes, Esser et al., 2020), fine-tuned;
/// - `fp32`: the unquantized model, once per fold.
/// Targets: `weights`; `weights+inputs` (one input range per tensor); and
/// `weights+inputs-per-feature` (one input range per feature, as the input family's, through
/// `PerFeatureFakeQuantizer`). Fine-tuning is Adam on MSE with seeded mini-batches and a cosine
/// learning-rate schedule (`CosineSchedule`); after each epoch the model is evaluated on the
/// validation part, and the iterate with the lowest validation MSE is kept, epoch 0 (the
/// calibrated start, i.e. PTQ) included, so QAT is never worse than PTQ on validation.
///
/// One `qat` record per (dataset, repeat, fold, bits, targets, method, seed); PTQ and FP32 are
/// deterministic and recorded with seed 0, QAT with seeds 1…S. Measurements `testRMSE`
/// (target units), `testR2`, `trainLoss` (the kept epoch's mean batch MSE; for PTQ and FP32
/// the MSE on the fitting part), `validationLoss` (MSE on the validation part), `bestEpoch`;
/// the FP32 record also counts the `fitRows` and `validationRows`. Records with quantized
/// inputs also measure the same model with its inputs clipped to the input quantizer's range
/// but not rounded (`clipOnlyRMSE`, `InputClipping`) and the share of test inputs clipped
/// (`inputClipFraction`): what separates the grid's rounding from its range.
/// One `qat-epoch` record per epoch 0…E for the first fold of each dataset and seed 1, with
/// `trainLoss`, `validationLoss` and `learningRate` (all MSE on standardised targets).
struct QATTrials {
    let parameters: LinregParameters
    let plan: FoldPlan
    let context: ExperimentContext

    /// What is quantized.
    static let targets = ["weights", "weights+inputs", "weights+inputs-per-feature"]
    /// The methods, in record order.
    static let methods = ["ptq", "qat-ste", "qat-lsq"]

    /// One fold's data: fitting part, validation part, test part.
    private struct Parts {
        let fitX: Tensor, fitY: Tensor, validationX: Tensor, validationY: Tensor, testX: Tensor
    }

    func run() -> [TrialRecord] {
        var records: [TrialRecord] = []
        var curvesRecorded: Set<String> = []
        for (e, entry) in plan.entries.enumerated() {
            let fold = entry.fold
            var splitRNG = context.generator(LinregStream.qatValidation(entry: e))
            let split = TrainTestSplit.shuffled(count: fold.trainY.count, testFraction: parameters.qatValidationFraction, using: &splitRNG)
            func targets(_ rows: [Int]) -> Tensor { Tensor(shape: [rows.count, 1], storage: rows.map { Float(fold.trainY[$0]) }) }
            let parts = Parts(
                fitX: Tensor(fold.trainX.rows(at: split.train)), fitY: targets(split.train),
                validationX: Tensor(fold.trainX.rows(at: split.test)), validationY: targets(split.test),
                testX: Tensor(fold.testX))
            let start = Linear(
                weight: Tensor(shape: [1, entry.reference.weights.count], storage: entry.reference.weights.map(Float.init)),
                bias: Tensor(shape: [1], storage: [Float(entry.reference.bias)]))
            func record(_ model: Linear, _ extra: [LinregSchema.Parameter: ParameterValue], trainLoss: Double, epoch: Int) -> TrialRecord {
                let p = entry.parameters.merging(extra) { $1 }
                let prediction = model(parts.testX).storage.map(Double.init)
                var m = TrialMeasurements.prediction(prediction, fold.testY, scale: fold.targetScale, unit: entry.dataset.targetUnit)
                m[.trainLoss] = Measurement(trainLoss)
                m[.validationLoss] = Measurement(MSELoss()(model(parts.validationX), parts.validationY).value)
                m[.bestEpoch] = Measurement(Double(epoch))
                if let quantizer = model.inputQuantizer, let bounds = InputClipping.bounds(quantizer, features: fold.testX.cols) {
                    m.merge(Self.clippingOnly(model, bounds: bounds, fold: fold, unit: entry.dataset.targetUnit)) { $1 }
                }
                return LinregSchema.record(.qat, p, m)
            }
            var fp32 = record(start, [.method: "fp32", .bits: 32, .targets: "none", .seed: 0],
                              trainLoss: MSELoss()(start(parts.fitX), parts.fitY).value, epoch: 0)
            fp32[LinregSchema.Metric.fitRows] = Measurement(Double(split.train.count))
            fp32[LinregSchema.Metric.validationRows] = Measurement(Double(split.test.count))
            records.append(fp32)
            // The curves of the dataset's first fold, seed 1.
            let recordsCurves = curvesRecorded.insert(entry.dataset.rawValue).inserted
            for bits in parameters.qatBits {
                for targets in Self.targets {
                    for method in Self.methods {
                        for seed in method == "ptq" ? 0...0 : 1...parameters.qatSeeds {
                            var model = Self.quantized(start, method: method, targets: targets, bits: bits)
                            // Calibration pass on the fitting part: the observed input ranges, LSQ's initial steps.
                            _ = model.forward(parts.fitX)
                            model.zeroGradients()
                            let setting: [LinregSchema.Parameter: ParameterValue] = [
                                .method: .string(method), .bits: .int(bits), .targets: .string(targets), .seed: .int(seed),
                            ]
                            let fitLoss = MSELoss()(model(parts.fitX), parts.fitY).value
                            guard method != "ptq" else {
                                records.append(record(model, setting, trainLoss: fitLoss, epoch: 0))
                                continue
                            }
                            let stream = LinregStream.qatBatches(entry: e, bits: bits, setting: Self.settingIndex(targets: targets, method: method), seed: seed)
                            let curve = fineTune(&model, parts, stream: stream, startLoss: fitLoss)
                            records.append(record(model, setting, trainLoss: curve.keptTrainLoss, epoch: curve.keptEpoch))
                            if recordsCurves && seed == 1 {
                                for point in curve.points {
                                    records.append(LinregSchema.record(.qatEpoch, entry.parameters.merging(setting.merging([.epoch: .int(point.epoch)]) { $1 }) { $1 }, [
                                        .trainLoss: Measurement(point.trainLoss), .validationLoss: Measurement(point.validationLoss),
                                        .learningRate: Measurement(point.learningRate),
                                    ]))
                                }
                            }
                        }
                    }
                }
            }
            context.progress.advance(task: "qat \(entry.dataset.rawValue) fold \(entry.foldIndex)")
        }
        return records
    }

    /// The start model with the quantizers of `method` on `targets` (`ptq` uses STE's grid).
    static func quantized(_ start: Linear, method: String, targets: String, bits: Int) -> Linear {
        var model = start
        let lsq = method == "qat-lsq"
        model.weightQuantizer = lsq ? LSQFakeQuantizer(bits: bits) : STEFakeQuantizer(bits: bits)
        let features = start.weight.value.shape[1]
        switch targets {
        case "weights+inputs":
            model.inputQuantizer = lsq
                ? LSQFakeQuantizer(bits: bits, perSampleCount: true)
                : STEFakeQuantizer(bits: bits, rangeSource: .observed(averagingConstant: 0.01))
        case "weights+inputs-per-feature":
            model.inputQuantizer = lsq
                ? PerFeatureFakeQuantizer(features: features, LSQFakeQuantizer(bits: bits, perSampleCount: true))
                : PerFeatureFakeQuantizer(features: features, STEFakeQuantizer(bits: bits, rangeSource: .observed(averagingConstant: 0.01)))
        default:
            break
        }
        return model
    }

    /// The model's prediction with its inputs clipped to its input quantizer's range but not
    /// rounded (weights as quantized): `clipOnlyRMSE` (target units) and the share of test
    /// feature values outside the range, `inputClipFraction`.
    static func clippingOnly(
        _ model: Linear, bounds: [ClosedRange<Float>], fold: RegressionFold, unit: String
    ) -> [LinregSchema.Metric: Measurement] {
        let quantized: Tensor = model.weightQuantizer.map { $0(model.weight.value) } ?? model.weight.value
        let weights = quantized.storage.map { Double($0) }
        let bias = Double(model.bias.value.storage[0])
        let x = fold.testX
        var clipped = 0
        let prediction = (0..<x.rows).map { i in
            (0..<x.cols).reduce(bias) { sum, j in
                let v = Float(x[i, j]), b = bounds[j]
                if !b.contains(v) { clipped += 1 }
                return sum + Double(min(max(v, b.lowerBound), b.upperBound)) * weights[j]
            }
        }
        return [
            .clipOnlyRMSE: Measurement(fold.targetScale * RegressionMetrics.rmse(prediction, fold.testY), unit: unit),
            .inputClipFraction: Measurement(Double(clipped) / Double(x.rows * x.cols)),
        ]
    }

    /// The index of (targets, method) among the QAT settings, for the mini-batch streams.
    static func settingIndex(targets: String, method: String) -> Int {
        Self.targets.firstIndex(of: targets)! * Self.methods.count + Self.methods.firstIndex(of: method)!
    }

    /// One epoch of a training curve.
    struct CurvePoint {
        let epoch: Int
        let trainLoss: Double
        let validationLoss: Double
        let learningRate: Double
    }

    /// Fine-tunes `model` for `qatEpochs` epochs (Adam, cosine schedule) and leaves it at the
    /// iterate with the lowest validation MSE (the earliest on ties), epoch 0 included.
    private func fineTune(
        _ model: inout Linear, _ parts: Parts, stream: LinregStream, startLoss: Double
    ) -> (points: [CurvePoint], keptEpoch: Int, keptTrainLoss: Double) {
        let validation = { (m: Linear) in MSELoss()(m(parts.validationX), parts.validationY).value }
        var points = [CurvePoint(epoch: 0, trainLoss: startLoss, validationLoss: validation(model), learningRate: 0)]
        var kept = (model: model, point: points[0])
        let schedule = CosineSchedule(initialRate: Float(parameters.qatLearningRate), epochs: max(1, parameters.qatEpochs))
        var optimizer = Adam(learningRate: schedule.initialRate)
        var rng = context.generator(stream)
        for epoch in stride(from: 1, through: parameters.qatEpochs, by: 1) {
            optimizer.learningRate = schedule.rate(epoch: epoch)
            let trainLoss = TrainingLoop(epochs: 1, batchSize: parameters.qatBatchSize)
                .fit(&model, optimizer: &optimizer, loss: MSELoss(), inputs: parts.fitX, targets: parts.fitY, using: &rng)[0]
            let point = CurvePoint(epoch: epoch, trainLoss: trainLoss, validationLoss: validation(model), learningRate: Double(optimizer.learningRate))
            points.append(point)
            if point.validationLoss < kept.point.validationLoss { kept = (model, point) }
        }
        model = kept.model
        return (points, kept.point.epoch, kept.point.trainLoss)
    }
}
