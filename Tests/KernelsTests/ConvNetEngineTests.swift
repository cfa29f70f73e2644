import Testing
import QuantCore
import Tensor
@testable import Kernels

/// A tiny CNN over 1×6×6 images: conv 3×3 ×2 + ReLU → max-pool 2 → linear 8→3.
private func tinyNet(_ convWeights: [Float], _ convBias: [Float], _ fcWeights: [Float], _ fcBias: [Float]) -> [ConvNetLayer] {
    [.convolution(weight: Tensor(shape: [2, 1, 3, 3], storage: convWeights), bias: convBias, relu: true),
     .maxPool(size: 2),
     .linear(weight: Tensor(shape: [3, 8], storage: fcWeights), bias: fcBias, relu: false)]
}

/// The FP64 forward pass of `tinyNet` on one 6×6 image, with `round` applied to the first
/// layer's input and to the second layer's input (identity for FP32).
private func reference(
    _ image: [Double], conv: (w: [Double], b: [Double]), fc: (w: [Double], b: [Double]),
    roundInput: (Double) -> Double = { $0 }, roundHidden: (Double) -> Double = { $0 }
) -> [Double] {
    let x = image.map(roundInput)
    var hidden = [Double](repeating: 0, count: 2 * 4 * 4)
    for o in 0..<2 {
        for r in 0..<4 {
            for c in 0..<4 {
                var s = conv.b[o]
                for i in 0..<3 { for j in 0..<3 { s += x[(r + i) * 6 + c + j] * conv.w[o * 9 + i * 3 + j] } }
                hidden[o * 16 + r * 4 + c] = max(s, 0)
            }
        }
    }
    var pooled = [Double](repeating: 0, count: 8)
    for o in 0..<2 {
        for r in 0..<2 {
            for c in 0..<2 {
                let v = [(0, 0), (0, 1), (1, 0), (1, 1)].map { hidden[o * 16 + (2 * r + $0.0) * 4 + 2 * c + $0.1] }
                pooled[o * 4 + r * 2 + c] = roundHidden(v.max()!)
            }
        }
    }
    return (0..<3).map { k in fc.b[k] + (0..<8).reduce(0.0) { $0 + pooled[$1] * fc.w[k * 8 + $1] } }
}

private func uniform(_ count: Int, _ range: ClosedRange<Float>, seed: UInt64) -> [Float] {
    var rng = SeededGenerator(seed: seed)
    return (0..<count).map { _ in Float.random(in: range, using: &rng) }
}

@Suite("ConvNetEngine: a CNN on oneDNN's FP32 and INT8 primitives")
struct ConvNetEngineTests {
    @Test("INT8: logits equal an integer computation exactly when every scale is a power of two")
    func int8Exact() throws {
        // Weights are integers whose channel maximum is 127, so QuantCore's per-channel scale is
        // exactly 1 and the codes are the weights; pixels are integers with input scale 1. The
        // hidden layer is requantized with scale 16 (exact in FP32); the logits are then
        // 16 · Σ q·w + b, integers that FP32 holds exactly.
        let convW: [Float] = [127, -3, 5, 0, 2, -7, 1, 1, -1,   -127, 4, 4, 9, -2, 0, 3, 3, 3]
        let convB: [Float] = [5, 300]
        // Each row's first weight is 127 (the channel maximum); the others are spread over ±120.
        let fcW: [Float] = (0..<24).map { (i: Int) -> Float in i % 8 == 0 ? 127 : Float((i * 37) % 241 - 120) }
        let fcB: [Float] = [1, -2, 3]
        let images = (0..<3).map { n in (0..<36).map { Float(($0 * 7 + n * 11) % 6) } }
        let engine = try ConvNetEngine(layers: tinyNet(convW, convB, fcW, fcB), imageShape: [1, 6, 6],
                                       precision: .int8(inputScales: [1, 16]))
        let logits = try engine.logits(Tensor(shape: [3, 1, 6, 6], storage: images.flatMap { $0 }))
        for (n, image) in images.enumerated() {
            // The hidden code: round(relu(acc + b) / 16) to nearest even, saturated at 255 (oneDNN's u8 store).
            let expected = reference(image.map(Double.init), conv: (convW.map(Double.init), convB.map(Double.init)),
                                     fc: (fcW.map { 16 * Double($0) }, fcB.map(Double.init)),
                                     roundHidden: { min(($0 / 16).rounded(.toNearestOrEven), 255) })
            #expect(Array(logits.storage[(n * 3)..<(n * 3 + 3)]) == expected.map(Float.init), "image \(n)")
        }
        #expect(engine.weightBytes == (18 + 8 * 2) + (24 + 8 * 3))
    }

    @Test("FP32: logits equal the FP64 forward pass within the FP32 summation bound, in batches of 1 and 5")
    func fp32() throws {
        let convW = uniform(18, -1...1, seed: 1), convB = uniform(2, -0.2...0.2, seed: 2)
        let fcW = uniform(24, -1...1, seed: 3), fcB = uniform(3, -0.2...0.2, seed: 4)
        let images = uniform(5 * 36, 0...1, seed: 5)
        let engine = try ConvNetEngine(layers: tinyNet(convW, convB, fcW, fcB), imageShape: [1, 6, 6], precision: .fp32)
        let batch = try engine.logits(Tensor(shape: [5, 1, 6, 6], storage: images))
        for n in 0..<5 {
            let image = Array(images[(n * 36)..<(n * 36 + 36)])
            let single = try engine.logits(Tensor(shape: [1, 36], storage: image))
            let expected = reference(image.map(Double.init), conv: (convW.map(Double.init), convB.map(Double.init)),
                                     fc: (fcW.map(Double.init), fcB.map(Double.init)))
            for k in 0..<3 {
                // Sums of ≤ 10 terms of magnitude ≤ 1, twice: a few units of 2⁻²⁴ · 20 at most; 1e-5 leaves room.
                #expect(abs(Double(batch.storage[n * 3 + k]) - expected[k]) < 1e-5, "image \(n) class \(k), batch 5")
                #expect(abs(Double(single.storage[k]) - expected[k]) < 1e-5, "image \(n) class \(k), batch 1")
            }
        }
        #expect(engine.implementations(batch: 5).count >= 3)
    }

    @Test("INT8: logits equal the simulated W8A8 model (QuantCore codes, FP64 sums) within one hidden step")
    func int8MatchesSimulation() throws {
        let convW = uniform(18, -1...1, seed: 11), convB = uniform(2, -0.2...0.2, seed: 12)
        let fcW = uniform(24, -1...1, seed: 13), fcB = uniform(3, -0.2...0.2, seed: 14)
        let images = uniform(4 * 36, 0...1, seed: 15)
        let (s0, s1): (Float, Float) = (1 / 255, 3.0 / 255)
        let engine = try ConvNetEngine(layers: tinyNet(convW, convB, fcW, fcB), imageShape: [1, 6, 6],
                                       precision: .int8(inputScales: [s0, s1]))
        let logits = try engine.logits(Tensor(shape: [4, 1, 6, 6], storage: images))
        let wConv = try SymmetricIntegerMatrix(quantizing: Tensor(shape: [2, 9], storage: convW), bits: 8, axis: .rows).dequantized()
        let wFC = try SymmetricIntegerMatrix(quantizing: Tensor(shape: [3, 8], storage: fcW), bits: 8, axis: .rows).dequantized()
        let q = AffineQuantizer(bits: 8, symmetric: false)
        let p0 = AffineParameters(scale: s0, zeroPoint: 0), p1 = AffineParameters(scale: s1, zeroPoint: 0)
        for n in 0..<4 {
            let expected = reference(
                images[(n * 36)..<(n * 36 + 36)].map(Double.init),
                conv: (wConv.storage.map(Double.init), convB.map(Double.init)), fc: (wFC.storage.map(Double.init), fcB.map(Double.init)),
                roundInput: { Double(q.dequantize(q.quantize(Float($0), p0), p0)) },
                roundHidden: { Double(q.dequantize(q.quantize(Float($0), p1), p1)) })
            // Only a hidden value within FP32 rounding of a half step can round the other way:
            // one step s1 times the largest |fc weight| (≤ 1) bounds each such flip; allow two.
            for k in 0..<3 { #expect(abs(Double(logits.storage[n * 3 + k]) - expected[k]) <= 2 * Double(s1) + 1e-5, "image \(n) class \(k)") }
        }
        #expect(engine.weightBytes < 4 * (18 + 2 + 24 + 3))
    }

    @Test("Shapes and scales that do not fit are refused with a message naming them")
    func errors() throws {
        let net = tinyNet([Float](repeating: 0.5, count: 18), [0, 0], [Float](repeating: 0.5, count: 24), [0, 0, 0])
        #expect(throws: KernelInputError.self) { try ConvNetEngine(layers: net, imageShape: [1, 6, 6], precision: .int8(inputScales: [1])) }
        #expect(throws: KernelInputError.self) { try ConvNetEngine(layers: net, imageShape: [1, 6, 6], precision: .int8(inputScales: [1, 0])) }
        #expect(throws: KernelInputError.self) { try ConvNetEngine(layers: net, imageShape: [1, 7, 7], precision: .fp32) }
        #expect(throws: KernelInputError.self) { try ConvNetEngine(layers: Array(net.dropLast()), imageShape: [1, 6, 6], precision: .fp32) }
        var noReLU = net
        noReLU[0] = .convolution(weight: Tensor(shape: [2, 1, 3, 3], repeating: 0.5), bias: [0, 0], relu: false)
        #expect(throws: KernelInputError.self) { try ConvNetEngine(layers: noReLU, imageShape: [1, 6, 6], precision: .int8(inputScales: [1, 1])) }
        _ = try ConvNetEngine(layers: noReLU, imageShape: [1, 6, 6], precision: .fp32)
        let engine = try ConvNetEngine(layers: net, imageShape: [1, 6, 6], precision: .fp32)
        let error = #expect(throws: KernelInputError.self) { try engine.logits(Tensor(shape: [2, 1, 5, 5])) }
        #expect(error?.description.contains("[2, 1, 5, 5]") == true)
    }
}
