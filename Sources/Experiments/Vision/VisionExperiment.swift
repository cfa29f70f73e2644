import Datasets
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NN
import QuantCore
public import Records
public import Runner
import Tensor

/// The `vision` section: a LeNet-style CNN trained here on MNIST-5k (`LeNet`), then quantized
/// after training. Families (`VisionSchema` lists every key):
/// - `epoch`, `fp32`: FP32 training per seed (Adam, cosine schedule, best validation iterate)
///   and the trained model, batch norm folded into the convolutions, on the 1,000 test images;
/// - `ptq`: the PTQ grid (`VisionExperiment.grid`): integer weights of 8…2 bits per tensor and
///   per channel; with integer activations of 8 and 4 bits under five calibrations; symmetric
///   activations; first and last layer at 8 bits; FP16, BF16, FP8 E4M3/E5M2 (emulated) and NF4;
/// - `sensitivity`: one layer at a time at 4 and 2 weight bits and 4 activation bits;
/// - `qat`: quantization-aware fine-tuning at W4A4, W4A8, W3A8 and W2A8 with STE and LSQ
///   weights (`VisionQAT`), against PTQ on the same grids;
/// - `layer-range`, `histogram`: each layer's weight and input ranges, and the weight histograms
///   of the first and last layers (first seed);
/// - `engine`, `engine-speed`: the folded CNN on oneDNN's FP32 and INT8 engines (`VisionEngine`):
///   agreement with the FP32 and simulated W8A8 models, and images per second (first seed).
/// The same families (but the engine's) are recorded for a two-layer MLP on scikit-learn's 8×8 digits, so
/// the chapter can say whether what holds for the CNN holds for an MLP; the `model` parameter
/// (`cnn`, `mlp`) tells them apart.
public struct VisionExperiment: Experiment {
    /// What a profile fixes (`VisionParameters`).
    public typealias Parameters = VisionParameters

    /// The experiment.
    public init() {}

    /// `VisionSchema.section`.
    public var id: String { VisionSchema.section }

    /// `Experiments/Vision`: its fingerprint follows the modules its files import.
    public var sourceFolder: String { "Experiments/Vision" }

    /// MNIST-5k and scikit-learn's 8×8 digits.
    public var inputs: [String] { [MNIST5k.fileName, Digits.fileName] }

    /// Trains every seed and quantizes each trained model.
    /// - Throws: a loader error for a missing or malformed input; QuantCore's errors (not
    ///   expected for these weights).
    public func run(_ p: Parameters, context: ExperimentContext) throws -> [TrialRecord] {
        let mnist = VisionData(try MNIST5k.load(from: context.dataPaths), parameters: p, context: context)
        let digits = VisionData(try Digits.load(from: context.dataPaths), parameters: p, context: context) { .digits($0) }
        let grid = Self.grid(p)
        let qatSettings = VisionQAT.settings(p)
        context.progress.start(total: p.seeds * (p.epochs + p.mlpEpochs + 2 * (grid.count + 1) + 2 * qatSettings.count))
        var records = try study(.cnn, data: mnist, epochs: p.epochs, qat: qatSettings, histogramBins: p.histogramBins, p, context)
        records += try study(.mlp, data: digits, epochs: p.mlpEpochs, qat: qatSettings, histogramBins: 0, p, context) { .digits($0) }
        return records
    }

    /// Every family's records of one model: training per seed, then PTQ, QAT, sensitivity and
    /// ranges of each trained model; every record names the model.
    private func study(
        _ network: VisionModel, data: VisionData, epochs: Int, qat qatSettings: [VisionQAT.Setting], histogramBins: Int,
        _ p: Parameters, _ context: ExperimentContext, streams: @escaping (VisionStream) -> VisionStream = { $0 }
    ) throws -> [TrialRecord] {
        let grid = Self.grid(p)
        var records: [TrialRecord] = []
        for seed in 0..<p.seeds {
            let training = VisionTraining(parameters: p, data: data, model: network, epochs: epochs, streams: streams)
            let trained = try training.trainOrLoad(seed: seed, context: context)
            let checkpoint: ParameterValue = .string(trained.origin.rawValue)
            records += trained.records.map { record in
                var record = record
                record[VisionSchema.Parameter.checkpoint] = checkpoint
                return record
            }
            let trainingSeconds = trained.seconds
            let folded = trained.model.foldingBatchNorms()
            let parent = VisionEvaluation(folded, data.test.images)
            let correct = zip(parent.predictions, data.test.labels).filter { $0 == $1 }.count
            records.append(VisionSchema.record(
                .fp32, [.seed: .int(seed), .checkpoint: checkpoint],
                [.accuracy: Measurement(Double(correct) / Double(data.test.count)), .correct: Measurement(Double(correct)),
                 .images: Measurement(Double(data.test.count)), .modelBytes: Measurement(Double(4 * folded.parameterCount), unit: "bytes"),
                 .bestEpoch: Measurement(Double(trained.bestEpoch)), .seconds: .timing(trainingSeconds, unit: "s")]))

            let ptq = VisionPTQ(
                model: network, folded: folded, calibrationInputs: network.layerInputs(folded, data.calibration),
                percentile: p.percentile)
            for config in grid {
                let (model, bytes) = try ptq.apply(config)
                var m = VisionEvaluation(model, data.test.images).measurements(against: parent, labels: data.test.labels)
                m[.modelBytes] = Measurement(Double(bytes), unit: "bytes")
                var parameters = config.parameters
                parameters[.seed] = .int(seed)
                records.append(VisionSchema.record(.ptq, parameters, m))
                context.progress.advance()
            }
            let qat = VisionQAT(parameters: p, data: data, model: network, streams: streams)
            for setting in qatSettings {
                let ((model, bestEpoch), seconds) = context.timed { qat.train(folded, setting, seed: seed, context: context) }
                var m = VisionEvaluation(model, data.test.images).measurements(against: parent, labels: data.test.labels)
                m[.bestEpoch] = Measurement(Double(bestEpoch))
                m[.seconds] = .timing(seconds, unit: "s")
                records.append(VisionSchema.record(
                    .qat,
                    [.seed: .int(seed), .weights: .string("int\(setting.weightBits)"),
                     .activations: .string("int\(setting.activationBits)"), .method: .string(setting.method),
                     .epochs: .int(p.qatEpochs)],
                    m))
                context.progress.advance()
            }
            for (layer, _) in network.layers {
                let targets = p.sensitivityWeightBits.map { ("weights", $0) } + p.sensitivityActivationBits.map { ("activations", $0) }
                for (target, bits) in targets {
                    let model = try ptq.applyToOneLayer(layer, target: target, bits: bits)
                    records.append(VisionSchema.record(
                        .sensitivity, [.seed: .int(seed), .layer: .string(layer), .target: .string(target), .bits: .int(bits)],
                        VisionEvaluation(model, data.test.images).measurements(against: parent, labels: data.test.labels)))
                }
            }
            if network.name == VisionModel.cnn.name {
                let w8a8 = try ptq.apply(PTQConfig(weights: "int8", granularity: "channel", activations: "int8", calibration: "minmax")).model
                records += try VisionEngine(parameters: p).records(
                    folded: folded, w8a8: w8a8, parent: parent, data: data, seed: seed, timed: seed == 0, context: context)
            }
            records += Self.ranges(folded, ptq, seed: seed, bins: seed == 0 ? histogramBins : 0)
            context.progress.advance()
        }
        return records.map { record in
            var record = record
            record[VisionSchema.Parameter.model] = .string(network.name)
            return record
        }
    }

    /// The PTQ grid, in record order.
    static func grid(_ p: VisionParameters) -> [PTQConfig] {
        var grid: [PTQConfig] = [PTQConfig(weights: "fp32", granularity: "tensor", activations: "fp32")]
        for bits in p.weightBits {
            for granularity in ["tensor", "channel"] {
                grid.append(PTQConfig(weights: "int\(bits)", granularity: granularity, activations: "fp32"))
            }
        }
        for bits in p.weightBits {
            for activationBits in p.activationBits {
                for calibration in p.calibrations {
                    grid.append(PTQConfig(
                        weights: "int\(bits)", granularity: "channel", activations: "int\(activationBits)",
                        calibration: calibration))
                }
                grid.append(PTQConfig(
                    weights: "int\(bits)", granularity: "channel", activations: "int\(activationBits)", symmetric: true,
                    calibration: "minmax"))
                grid.append(PTQConfig(
                    weights: "int\(bits)", granularity: "channel", activations: "int\(activationBits)",
                    calibration: "minmax", mixed: true))
            }
        }
        for format in p.floatFormats {
            grid.append(PTQConfig(weights: format, granularity: format.hasPrefix("fp8") ? "channel" : "tensor", activations: format))
        }
        grid.append(PTQConfig(weights: "nf4", granularity: "channel", activations: "fp32"))
        // PTQ on QAT's grids (per-tensor weights, min-max inputs), for the comparison at equal bits.
        for pair in p.qatBits {
            grid.append(PTQConfig(weights: "int\(pair[0])", granularity: "tensor", activations: "int\(pair[1])", calibration: "minmax"))
        }
        return grid
    }

    /// Each layer's weight and calibration-input ranges; with `bins > 0`, the weight histograms of
    /// the first and last layers over their own min-max.
    static func ranges(_ folded: Sequential, _ ptq: VisionPTQ, seed: Int, bins: Int) -> [TrialRecord] {
        var records: [TrialRecord] = []
        for (position, (name, index)) in ptq.model.layers.enumerated() {
            let weights = (folded.layers[index] as! any QuantizableLayer).weight.value.storage
            let inputs = ptq.calibrationInputs[name]!
            let w = MinMax.range(of: weights, symmetric: false), a = MinMax.range(of: inputs, symmetric: false)
            let p9999 = PercentileCalibration(percentile: 99.99).range(of: inputs, symmetric: true).upper
            let kl = ptq.range(of: inputs, AffineQuantizer(bits: 8, symmetric: false), "kl").upper
            records.append(VisionSchema.record(
                .layerRange, [.seed: .int(seed), .layer: .string(name)],
                [.weightMin: Measurement(Double(w.lower)), .weightMax: Measurement(Double(w.upper)),
                 .activationMin: Measurement(Double(a.lower)), .activationMax: Measurement(Double(a.upper)),
                 .activationP9999: Measurement(Double(p9999)), .activationKL: Measurement(Double(kl))]))
            guard bins > 0, position == 0 || position == ptq.model.layers.count - 1 else { continue }
            let width = (w.upper - w.lower) / Float(bins)
            var counts = [Int](repeating: 0, count: bins)
            for x in weights { counts[min(bins - 1, Int((x - w.lower) / width))] += 1 }
            for (bin, count) in counts.enumerated() {
                records.append(VisionSchema.record(
                    .histogram, [.seed: .int(seed), .layer: .string(name), .bin: .int(bin)],
                    [.lower: Measurement(Double(w.lower + Float(bin) * width)),
                     .upper: Measurement(Double(w.lower + Float(bin + 1) * width)),
                     .count: Measurement(Double(count))]))
            }
        }
        return records
    }
}
