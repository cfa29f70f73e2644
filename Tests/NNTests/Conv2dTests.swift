import NN
import QuantCore
import Tensor
import Testing

/// Conv2d's forward pass against a direct FP64 convolution, its shapes, and its quantization hook.
@Suite("Conv2d")
struct Conv2dTests {
    /// y[n, o, oh, ow] by the definition's sums in FP64, and Σ|terms| for the error bound.
    static func reference(_ x: Tensor, _ w: Tensor, _ b: Tensor, stride s: Int, padding p: Int) -> (y: [Double], magnitude: [Double]) {
        let (n, c, h, wd) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (o, kh, kw) = (w.shape[0], w.shape[2], w.shape[3])
        let (oh, ow) = ((h + 2 * p - kh) / s + 1, (wd + 2 * p - kw) / s + 1)
        var y: [Double] = [], magnitude: [Double] = []
        for i in 0..<n {
            for f in 0..<o {
                for r in 0..<oh {
                    for q in 0..<ow {
                        var sum = Double(b[f]), size = abs(Double(b[f]))
                        for ch in 0..<c {
                            for a in 0..<kh {
                                for e in 0..<kw {
                                    let (row, col) = (r * s + a - p, q * s + e - p)
                                    guard row >= 0, row < h, col >= 0, col < wd else { continue }
                                    let term = Double(w[f, ch, a, e]) * Double(x[i, ch, row, col])
                                    sum += term
                                    size += abs(term)
                                }
                            }
                        }
                        y.append(sum)
                        magnitude.append(size)
                    }
                }
            }
        }
        return (y, magnitude)
    }

    @Test("forward and inference equal the direct FP64 convolution", arguments: [
        ("3×3, stride 1, no padding", [4, 3, 3, 3], 1, 0),
        ("5×5, stride 1, no padding", [2, 1, 5, 5], 1, 0),
        ("3×3, stride 2, padding 1", [4, 3, 3, 3], 2, 1),
        ("2×3 kernel, stride 3, padding 2", [3, 3, 2, 3], 3, 2),
    ])
    func forward(_ label: String, _ weightShape: [Int], _ stride: Int, _ padding: Int) {
        var conv = Conv2d(weight: Fixtures.normal(weightShape, seed: 41), bias: Fixtures.normal([weightShape[0]], seed: 42),
                          stride: stride, padding: padding)
        let x = Fixtures.normal([3, weightShape[1], 9, 8], seed: 43)
        let (expected, magnitude) = Self.reference(x, conv.weight.value, conv.bias.value, stride: stride, padding: padding)
        // An FP32 sum of k = C·kh·kw products and the bias, in any order, is within
        // (k + 1)·u·Σ|terms| of the exact sum (u = 2⁻²⁴; Higham, "Accuracy and Stability of
        // Numerical Algorithms", §3.1); twice that for margin.
        let k = Double(weightShape[1] * weightShape[2] * weightShape[3])
        for (mode, y) in [("forward", conv.forward(x)), ("inference", conv(x))] {
            #expect(y.shape == conv.outputShape(for: x.shape), "\(label) \(mode): shape \(y.shape)")
            let worst = y.storage.indices.map { abs(Double(y.storage[$0]) - expected[$0]) / (2 * (k + 1) * 0x1p-24 * magnitude[$0]) }.max()!
            #expect(worst <= 1, "\(label) \(mode): error \(worst) × the bound")
        }
    }

    @Test("output shapes follow ⌊(H + 2p − k)/s⌋ + 1")
    func shapes() {
        var rng = SeededGenerator(seed: 1)
        #expect(Conv2d(inputChannels: 1, outputChannels: 16, kernelSize: 5, using: &rng).outputShape(for: [64, 1, 28, 28]) == [64, 16, 24, 24])
        #expect(Conv2d(inputChannels: 16, outputChannels: 32, kernelSize: 5, using: &rng).outputShape(for: [64, 16, 12, 12]) == [64, 32, 8, 8])
        #expect(Conv2d(inputChannels: 3, outputChannels: 8, kernelSize: 3, stride: 2, padding: 1, using: &rng).outputShape(for: [1, 3, 7, 6]) == [1, 8, 4, 3])
    }

    @Test("the vision CNN: shapes through the stack and its parameter count")
    func visionCNN() {
        var rng = SeededGenerator(seed: 2)
        let model = Sequential([
            Conv2d(inputChannels: 1, outputChannels: 16, kernelSize: 5, using: &rng), BatchNorm2d(channels: 16), ReLU(), MaxPool2d(),
            Conv2d(inputChannels: 16, outputChannels: 32, kernelSize: 5, using: &rng), BatchNorm2d(channels: 32), ReLU(), MaxPool2d(),
            Flatten(), Linear(inputs: 512, outputs: 128, using: &rng), ReLU(), Linear(inputs: 128, outputs: 10, using: &rng),
        ])
        #expect(model(Fixtures.normal([2, 1, 28, 28], seed: 3)).shape == [2, 10])
        // conv 16·25 + 16, bn 2·16, conv 32·16·25 + 32, bn 2·32, linear 512·128 + 128, linear 128·10 + 10.
        #expect(model.parameterCount == 416 + 32 + 12_832 + 64 + 65_664 + 1_290)
        var names: [String] = []
        var copy = model
        copy.visitQuantizableLayers { name, _ in names.append(name) }
        #expect(names == ["0.", "4.", "9.", "11."], "quantizable layers: \(names)")
    }

    @Test("the weight quantizer applies to the whole 4-D weight, as quantizing it beforehand does")
    func weightQuantization() {
        var conv = Conv2d(weight: Fixtures.normal([2, 2, 3, 3], seed: 44), bias: Fixtures.normal([2], seed: 45))
        let x = Fixtures.normal([2, 2, 5, 5], seed: 46)
        var plain = conv
        plain.weight.value = STEFakeQuantizer(bits: 4)(conv.weight.value)
        conv.weightQuantizer = STEFakeQuantizer(bits: 4)
        #expect(conv(x) == plain(x))
        #expect(conv.forward(x) == plain(x))
    }

    @Test("PTQ through the quantizable-layer hook: per-output-channel scales along axis 0")
    func perChannelPTQ() throws {
        var rng = SeededGenerator(seed: 47)
        var model = Sequential([Conv2d(inputChannels: 3, outputChannels: 5, kernelSize: 3, using: &rng), ReLU()])
        let original = (model.layers[0] as! Conv2d).weight.value
        var scales: [Float] = []
        var failure: (any Error)?
        model.visitQuantizableLayers { _, layer in
            do {
                let result = try QuantizationScheme(target: .integer(bits: 4), granularity: .perChannel(axis: 0)).quantize(layer.weight.value)
                scales = result.scales
                layer.weight.value = result.dequantized
            } catch {
                failure = error
            }
        }
        #expect(failure == nil)
        #expect(scales.count == 5, "one scale per filter")
        let quantized = (model.layers[0] as! Conv2d).weight.value
        for o in 0..<5 {
            // Each filter's 27 weights are rounded on its own grid: within half of its step.
            let worst = (o * 27..<(o + 1) * 27).map { abs(quantized.storage[$0] - original.storage[$0]) }.max()!
            #expect(worst <= scales[o] / 2 * (1 + 1e-6), "filter \(o): error \(worst), step \(scales[o])")
        }
    }
}
