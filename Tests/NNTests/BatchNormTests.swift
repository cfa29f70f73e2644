import NN
import Tensor
import Testing

/// Batch norm's statistics against FP64 formulas, and folding into the convolution before it.
@Suite("BatchNorm2d")
struct BatchNormTests {
    /// x of shape [4, 3, 5, 5], channel c with mean c and standard deviation c + 1.
    static let x: Tensor = {
        var x = Fixtures.normal([4, 3, 5, 5], seed: 51)
        for i in x.storage.indices {
            let c = Float((i / 25) % 3)
            x.storage[i] = c + (c + 1) * x.storage[i]
        }
        return x
    }()

    /// The values of channel `c` of an NCHW tensor, as FP64.
    static func channel(_ t: Tensor, _ c: Int) -> [Double] {
        let (n, channels, spatial) = (t.shape[0], t.shape[1], t.shape[2] * t.shape[3])
        var out: [Double] = []
        for i in 0..<n {
            let start = (i * channels + c) * spatial
            out += t.storage[start..<(start + spatial)].map(Double.init)
        }
        return out
    }

    @Test("training: output normalised per channel; running statistics move by momentum 0.1 (unbiased variance)")
    func training() {
        var bn = BatchNorm2d(channels: 3)
        let y = bn.forward(Self.x)
        for c in 0..<3 {
            let values = Self.channel(Self.x, c)
            let m = Double(values.count)
            let mean = values.reduce(0, +) / m
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / m
            let out = Self.channel(y, c)
            let outMean = out.reduce(0, +) / m
            let outVariance = out.reduce(0) { $0 + ($1 - outMean) * ($1 - outMean) } / m
            // FP32 normalisation of 100 values: mean within a few ulps of 1 × √100, variance
            // = σ²/(σ² + ε) to FP32 rounding.
            #expect(abs(outMean) < 1e-6, "channel \(c): mean \(outMean)")
            #expect(abs(outVariance - variance / (variance + 1e-5)) < 1e-5, "channel \(c): variance \(outVariance)")
            let expectedMean = 0.1 * mean
            let expectedVariance = 0.9 + 0.1 * variance * m / (m - 1)
            // Running statistics are FP32: relative 10⁻⁶.
            #expect(abs(Double(bn.runningMean.storage[c]) - expectedMean) <= 1e-6 * max(1, abs(expectedMean)), "channel \(c): running mean \(bn.runningMean.storage[c]), expected \(expectedMean)")
            #expect(abs(Double(bn.runningVariance.storage[c]) - expectedVariance) <= 1e-6 * expectedVariance, "channel \(c): running variance \(bn.runningVariance.storage[c]), expected \(expectedVariance)")
        }
    }

    @Test("inference uses the running statistics: γ(x − μ_run)/√(σ²_run + ε) + β")
    func inference() {
        var bn = BatchNorm2d(channels: 3)
        bn.weight.value = Tensor(shape: [3], storage: [0.5, 2, -1])
        bn.bias.value = Tensor(shape: [3], storage: [0.1, -0.2, 0.3])
        bn.runningMean = Tensor(shape: [3], storage: [0.2, 1.1, 1.9])
        bn.runningVariance = Tensor(shape: [3], storage: [1.2, 3.9, 9.5])
        let y = bn(Self.x)
        for c in 0..<3 {
            let (g, b, m, v) = (Double(bn.weight.value.storage[c]), Double(bn.bias.value.storage[c]),
                                Double(bn.runningMean.storage[c]), Double(bn.runningVariance.storage[c]))
            let expected = Self.channel(Self.x, c).map { g * ($0 - m) / (v + 1e-5).squareRoot() + b }
            let error = zip(Self.channel(y, c), expected).map { abs($0 - $1) / max(1, abs($1)) }.max()!
            // One FP32 multiply-add from FP64-rounded a and b: a few ulps.
            #expect(error < 1e-6, "channel \(c): relative error \(error)")
        }
        // Inference leaves the running statistics alone.
        #expect(bn.runningMean.storage == [0.2, 1.1, 1.9])
    }

    @Test("buffers are visited with their names, and Sequential prefixes them")
    func buffers() {
        var model = Sequential([Flatten(), BatchNorm2d(channels: 2)])
        var names: [String] = []
        model.visitBuffers { name, _ in names.append(name) }
        #expect(names == ["1.runningMean", "1.runningVariance"])
        #expect(model.namedParameters.map(\.name) == ["1.weight", "1.bias"])
    }

    /// A convolution and a batch norm whose statistics come from three training batches and whose
    /// γ, β are not the defaults.
    static func convAndNorm(inputChannels: Int = 3) -> (Conv2d, BatchNorm2d) {
        var rng = SeededGenerator(seed: 52)
        var conv = Conv2d(inputChannels: inputChannels, outputChannels: 4, kernelSize: 3, padding: 1, using: &rng)
        var bn = BatchNorm2d(channels: 4)
        for seed in UInt64(53)...55 { _ = bn.forward(conv.forward(Fixtures.normal([2, inputChannels, 6, 6], seed: seed))) }
        bn.weight.value = Tensor(shape: [4], storage: [1.3, -0.4, 0.9, 2.2])
        bn.bias.value = Tensor(shape: [4], storage: [0.5, 0.1, -0.7, 0.05])
        return (conv, bn)
    }

    @Test("folding: conv with W·a and (b − μ)·a + β equals conv → batch norm in inference")
    func folding() {
        let (conv, bn) = Self.convAndNorm()
        let folded = conv.foldingBatchNorm(bn)
        let x = Fixtures.normal([2, 3, 6, 6], seed: 56)
        let unfolded = bn(conv(x))
        let y = folded(x)
        // Both sides round a k = 27-term FP32 dot product (scaled by a before or after) and a
        // couple of affine steps: within (k + 4)·u·Σ|terms| each, Σ|terms| ≤ |a|·(Σ|w x| + |b − μ|) + |β|.
        // Bounded here by max |a|·(‖W‖₁-row·max|x| + |b − μ|) + |β| per channel.
        let (scale, _) = bn.inferenceAffine
        let maxX = Double(x.storage.map(abs).max()!)
        for c in 0..<4 {
            let row = conv.weight.value.storage[(c * 27)..<((c + 1) * 27)].reduce(0.0) { $0 + Double(abs($1)) }
            let size = abs(Double(scale[c])) * (row * maxX + abs(Double(conv.bias.value.storage[c] - bn.runningMean.storage[c])))
                + abs(Double(bn.bias.value.storage[c]))
            let bound = 2 * (27 + 4) * 0x1p-24 * size
            let error = zip(BatchNormTests.channel(y, c), BatchNormTests.channel(unfolded, c)).map { abs($0 - $1) }.max()!
            #expect(error <= bound, "channel \(c): |folded − unfolded| = \(error), bound \(bound)")
        }
    }

    @Test("Sequential folds each batch norm that follows a convolution and keeps the rest")
    func sequentialFolding() {
        let (conv, bn) = Self.convAndNorm()
        let (conv2, bn2) = Self.convAndNorm(inputChannels: 4)
        let model = Sequential([conv, bn, ReLU(), Sequential([conv2, bn2]), BatchNorm2d(channels: 4)])
        let folded = model.foldingBatchNorms()
        #expect(folded.layers.count == 4)
        #expect(folded.layers[0] is Conv2d && folded.layers[1] is ReLU && folded.layers[3] is BatchNorm2d)
        #expect((folded.layers[2] as? Sequential)?.layers.count == 1)
        let x = Fixtures.normal([2, 3, 6, 6], seed: 57)
        let difference = zip(model(x).storage, folded(x).storage).map { abs($0 - $1) }.max()!
        let size = model(x).storage.map(abs).max()!
        // Two folded stages, each as in `folding`: a few hundred ulps of the output's size at most.
        #expect(difference <= 1e-5 * size, "max difference \(difference) for outputs up to \(size)")
    }
}
