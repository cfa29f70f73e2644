import Kernels
import NN
import QuantCore
import Records
import Runner
import Tensor

/// The folded CNN on oneDNN's inference engines (`ConvNetEngine`): FP32, and INT8 with the
/// static W8A8 scheme of the PTQ grid (per-channel weights, min-max calibrated asymmetric inputs,
/// all of whose zero points are 0 as every input is non-negative), so the engine runs what the
/// simulated W8A8 model computes.
///
/// Families: `engine` (each seed: accuracy, paired counts, top-1 agreement with the FP32 model and
/// with the simulated W8A8 model, bytes) and `engine-speed` (first seed: images per second at each
/// batch size, repeats interleaved across engines and batch sizes, the engine order alternating).
struct VisionEngine {
    let parameters: VisionParameters

    /// The engine's layers for a batch-norm-folded `Sequential` (conv, ReLU, max-pool, flatten, linear).
    /// - Throws: `KernelInputError` for a layer the engine does not run (padding, strides other than the window).
    static func layers(_ folded: Sequential) throws -> [ConvNetLayer] {
        var layers: [ConvNetLayer] = []
        let all = folded.layers
        for (i, layer) in all.enumerated() {
            let relu = i + 1 < all.count && all[i + 1] is ReLU
            switch layer {
            case let conv as Conv2d:
                guard conv.stride == 1, conv.padding == 0 else {
                    throw KernelInputError("vision engine: layer \(i) is a convolution with stride \(conv.stride), padding \(conv.padding); the engine runs stride 1 without padding")
                }
                layers.append(.convolution(weight: conv.weight.value, bias: conv.bias.value.storage, relu: relu))
            case let linear as Linear:
                layers.append(.linear(weight: linear.weight.value, bias: linear.bias.value.storage, relu: relu))
            case let pool as MaxPool2d:
                guard pool.stride == pool.kernelSize else {
                    throw KernelInputError("vision engine: layer \(i) pools \(pool.kernelSize) with stride \(pool.stride); the engine pools non-overlapping windows")
                }
                layers.append(.maxPool(size: pool.kernelSize))
            case is ReLU, is Flatten:
                continue
            default:
                throw KernelInputError("vision engine: layer \(i) (\(type(of: layer))) has no engine counterpart")
            }
        }
        return layers
    }

    /// The input scales of the simulated W8A8 model's layers, in order.
    /// - Throws: `KernelInputError` when a layer's input grid is not a static 8-bit one with zero point 0.
    static func inputScales(_ w8a8: Sequential, model: VisionModel) throws -> [Float] {
        try model.layers.map { name, index in
            guard let layer = w8a8.layers[index] as? any QuantizableLayer,
                  let quantizer = layer.inputQuantizer as? CalibratedQuantizer,
                  case .integer(let q, let p) = quantizer.grid, q.bits == 8, p.zeroPoint == 0 else {
                throw KernelInputError("vision engine: the input of \(name) is not on a static 8-bit grid with zero point 0")
            }
            return p.scale
        }
    }

    /// The `engine` records of one seed and, with `timed`, the `engine-speed` records.
    func records(
        folded: Sequential, w8a8: Sequential, parent: VisionEvaluation, data: VisionData, seed: Int, timed: Bool,
        context: ExperimentContext
    ) throws -> [TrialRecord] {
        let layers = try Self.layers(folded)
        let imageShape = Array(data.test.images.shape.dropFirst())
        let engines: [(name: String, engine: ConvNetEngine)] = [
            ("fp32", try ConvNetEngine(layers: layers, imageShape: imageShape, precision: .fp32)),
            ("int8", try ConvNetEngine(layers: layers, imageShape: imageShape,
                                       precision: .int8(inputScales: Self.inputScales(w8a8, model: .cnn)))),
        ]
        let simulated = VisionEvaluation(w8a8, data.test.images)
        var records: [TrialRecord] = []
        for (name, engine) in engines {
            let logits = try engine.logits(data.test.images)
            let evaluation = VisionEvaluation(logits: logits)
            var m = evaluation.measurements(against: parent, labels: data.test.labels)
            m[.agreementFP32] = Measurement(Self.agreement(evaluation, parent))
            m[.agreementW8A8] = Measurement(Self.agreement(evaluation, simulated))
            m[.modelBytes] = Measurement(Double(engine.weightBytes), unit: "bytes")
            let batch = parameters.engineBatches.max() ?? 1
            _ = try engine.logits(Self.batch(data.test.images, start: 0, size: batch))
            records.append(VisionSchema.record(
                .engine,
                [.seed: .int(seed), .engine: .string(name), .implementation: .string(engine.implementations(batch: batch).joined(separator: ", "))],
                m))
        }
        guard timed else { return records }
        return records + (try speedRecords(engines, images: data.test.images, context: context))
    }

    /// Images per second of each engine at each batch size: `engineImages` images per repeat,
    /// after one untimed call that builds the plan; repeats interleave engines and batch sizes.
    private func speedRecords(
        _ engines: [(name: String, engine: ConvNetEngine)], images: Tensor, context: ExperimentContext
    ) throws -> [TrialRecord] {
        let p = parameters
        // The batches of each size, cut from the test images (cycled) before any timing.
        let batches = Dictionary(uniqueKeysWithValues: p.engineBatches.map { size in
            (size, (0..<max(1, p.engineImages / size)).map { Self.batch(images, start: $0 * size, size: size) })
        })
        for (_, engine) in engines { for size in p.engineBatches { _ = try engine.logits(batches[size]![0]) } }
        var records: [TrialRecord] = []
        for repeatIndex in 0..<p.engineRepeats {
            for size in p.engineBatches {
                let order = repeatIndex % 2 == 0 ? engines : engines.reversed()
                for (name, engine) in order {
                    let (_, seconds) = try context.timed { for batch in batches[size]! { _ = try engine.logits(batch) } }
                    records.append(VisionSchema.record(
                        .engineSpeed, [.engine: .string(name), .batch: .int(size), .repeat: .int(repeatIndex)],
                        [.seconds: .timing(seconds, unit: "s"), .images: Measurement(Double(batches[size]!.count * size))]))
                }
            }
        }
        return records
    }

    /// `size` images from `start` on, cycling past the end.
    static func batch(_ images: Tensor, start: Int, size: Int) -> Tensor {
        let n = images.shape[0]
        return images.rows(at: (0..<size).map { (start + $0) % n })
    }

    /// The share of images on which two models' top-1 classes agree.
    static func agreement(_ a: VisionEvaluation, _ b: VisionEvaluation) -> Double {
        Double(zip(a.predictions, b.predictions).filter { $0 == $1 }.count) / Double(a.predictions.count)
    }
}
