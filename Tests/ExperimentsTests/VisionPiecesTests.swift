@testable import Experiments
import Kernels
import NN
import Records
import Tensor
import Testing

/// Pieces of the vision experiment that need no training.
@Suite struct VisionPiecesTests {
    /// The grid holds every configuration once, FP32 first, and the families the chapter reads.
    @Test func gridIsCompleteAndUnique() {
        let p = VisionParameters(profile: .quick)
        let grid = VisionExperiment.grid(p)
        #expect(Set(grid).count == grid.count)
        #expect(grid.first == PTQConfig(weights: "fp32", granularity: "tensor", activations: "fp32"))
        // weight-only (2 granularities) + W×A×(calibrations + symmetric + mixed) + floats + NF4 + FP32
        let expected = 1 + 2 * p.weightBits.count + p.weightBits.count * p.activationBits.count * (p.calibrations.count + 2)
            + p.floatFormats.count + 1 + p.qatBits.count
        #expect(grid.count == expected)
        #expect(grid.contains(PTQConfig(weights: "int8", granularity: "channel", activations: "int8", calibration: "minmax")))
        #expect(!grid.first!.emulated && grid.last!.emulated)
    }

    /// Streams of different seeds and draws never share a number.
    @Test func streamsAreDistinct() {
        let streams: [VisionStream] = [.split, .validation]
            + (0..<5).flatMap { s in [.initialisation(seed: s), .batches(seed: s)] + (0..<8).map { .qatBatches(seed: s, setting: $0) } }
        #expect(Set(streams.map(\.index)).count == streams.count)
    }

    /// Weight bytes: INT4 per channel of a [2, 4] weight is 8 four-bit codes and 2 FP32 scales,
    /// (8·4 + 2·32) / 8 = 12 bytes; FP16 is 2 bytes a weight.
    @Test func weightBytes() throws {
        let w = Tensor(shape: [2, 4], storage: [0.5, -1, 0.25, 0.75, 2, -2, 1, 0])
        let int4 = try VisionPTQ.quantizedWeight(w, format: "int4", granularity: "channel")
        #expect(int4.bytes == 12)
        #expect(int4.value.storage[1] == -1 && int4.value.storage[4] == 2, "each channel's absmax is on the grid")
        #expect(try VisionPTQ.quantizedWeight(w, format: "fp16", granularity: "tensor").bytes == 16)
        #expect(try VisionPTQ.quantizedWeight(w, format: "fp32", granularity: "tensor") == (w, 32))
    }

    /// The engine reads the folded LeNet layer by layer (ReLUs fused, flatten implicit) and its
    /// FP32 logits equal the `Sequential`'s: the flatten order (channel, row, column) matches.
    @Test func engineRunsTheFoldedLeNet() throws {
        var rng = SeededGenerator(seed: 7)
        let model = LeNet.make(using: &rng).foldingBatchNorms()
        let layers = try VisionEngine.layers(model)
        let kinds = layers.map { layer -> String in
            switch layer {
            case .convolution(_, _, let relu): relu ? "conv+relu" : "conv"
            case .maxPool(let size): "pool\(size)"
            case .linear(_, _, let relu): relu ? "linear+relu" : "linear"
            }
        }
        #expect(kinds == ["conv+relu", "pool2", "conv+relu", "pool2", "linear+relu", "linear"])
        let images = Tensor(shape: [3, 1, 28, 28], storage: (0..<(3 * 784)).map { _ in Float.random(in: 0...1, using: &rng) })
        let engine = try ConvNetEngine(layers: layers, imageShape: [1, 28, 28], precision: .fp32)
        let logits = try engine.logits(images), expected = model(images)
        let scale = expected.storage.map(abs).max()!
        // Two FP32 summation orders over at most 512 terms: relative differences of a few 1e-6.
        for i in 0..<expected.count { #expect(abs(logits.storage[i] - expected.storage[i]) <= 1e-4 * scale, "logit \(i)") }
    }

    /// A layer the engine cannot run, and an input grid it cannot use, are refused by name.
    @Test func engineRefusesWhatItCannotRun() throws {
        var rng = SeededGenerator(seed: 8)
        let padded = Sequential([Conv2d(weight: Tensor(shape: [2, 1, 3, 3], repeating: 0.1), bias: Tensor(shape: [2]), padding: 1),
                                 Flatten(), Linear(inputs: 2 * 28 * 28, outputs: 10, using: &rng)])
        #expect(throws: KernelInputError.self) { try VisionEngine.layers(padded) }
        let model = LeNet.make(using: &rng).foldingBatchNorms()
        #expect(throws: KernelInputError.self) { try VisionEngine.inputScales(model, model: .cnn) }
    }
}
