@testable import Experiments
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
}
