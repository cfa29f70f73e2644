import NN
import QuantCore
import Tensor
import Testing

@Suite("Encoder quantization")
struct EncoderQuantizationTests {
    @Test("per-token dynamic INT8: each row on its own grid, by hand")
    func perToken() {
        let q = CalibratedQuantizer(.dynamicIntegerPerRow(AffineQuantizer(bits: 8, symmetric: true)))
        // Row 0's step is 127/127 = 1, row 1's is 0.5/127: the small row is not crushed by the large one.
        let x = Tensor(shape: [2, 3], storage: [127, 0.4, -63.6, 0.5, -0.25, 0.1])
        let y = q(x)
        #expect(Array(y.storage[0..<3]) == [127, 0, -64])
        let step: Float = 0.5 / 127
        for (v, r) in zip(y.storage[3...], [Float(0.5), -0.25, 0.1]) {
            #expect(abs(v - r) <= step / 2 + 1e-7, "\(v) vs \(r)")
        }
    }

    @Test("LLM.int8: columns beyond the threshold pass through, the rest per token")
    func decomposition() {
        let q = OutlierDecompositionQuantizer(threshold: 6)
        // Column 1 holds a 20: kept exactly; row scales come from the other columns (1 and 2.54).
        let x = Tensor(shape: [2, 3], storage: [1, 20, 0.3, -2.54, 0.5, 1.27])
        #expect(q.keptColumns(x) == [false, true, false])
        let y = q(x)
        #expect(y.storage[1] == 20 && y.storage[4] == 0.5)
        #expect(y.storage[0] == 1 && abs(y.storage[2] - 0.3) <= 0.5 / 127 + 1e-7)
        // Row 1's step is 2.54 / 127 = 0.02: 1.27 lies half a step from 1.26 and 1.28.
        #expect(y.storage[3] == -2.54 && abs(y.storage[5] - 1.27) <= 0.01 + 1e-6)
    }

    @Test("SmoothQuant factors: s = a^α / w^(1−α), by hand, and 1 where a side is zero")
    func factors() {
        let s = SmoothingQuantizer.factors(activationMax: [16, 4, 0], weightMax: [1, 4, 2], alpha: 0.5)
        #expect(s == [4, 1, 1])
        #expect(SmoothingQuantizer.factors(activationMax: [8], weightMax: [2], alpha: 1) == [8])
        #expect(SmoothingQuantizer.factors(activationMax: [8], weightMax: [2], alpha: 0) == [0.5])
    }

    /// A two-layer encoder-sized problem would need the model; one Linear is enough to show
    /// SmoothQuant's identity: with FP32 weights and an identity inner grid the product is unchanged.
    @Test("smoothing without rounding leaves a linear layer's output unchanged")
    func smoothingIsExactWithoutRounding() throws {
        var rng = SeededGenerator(seed: 12)
        let x = Tensor.normal(shape: [5, 8], using: &rng)
        let linear = Linear(inputs: 8, outputs: 4, using: &rng)
        let s: [Float] = [0.5, 2, 4, 1, 0.25, 8, 1, 3]
        var smoothed = linear
        var w = linear.weight.value
        for i in w.storage.indices { w.storage[i] *= s[i % 8] }
        for i in w.storage.indices { w.storage[i] /= s[i % 8] }
        smoothed.weight.value = w
        // FP32 "format" with scale 1 rounds nothing.
        smoothed.inputQuantizer = SmoothingQuantizer(factors: s, inner: CalibratedQuantizer(.float(.fp32, scale: 1)))
        let a = linear(x), b = smoothed(x)
        for (p, q) in zip(a.storage, b.storage) { #expect(abs(p - q) <= 1e-5 * max(1, abs(p))) }
    }
}
