import Foundation
import NN
import NNTestSupport
import Tensor
import Testing

/// The transformer layers' analytic gradients against central finite differences, and the
/// values and invariants that pin down their forward passes.
///
/// LayerNorm, GELU and attention are smooth but not quadratic, so the central difference keeps a
/// truncation error (h²/6 · f‴) besides FP32 rounding; with h = 10⁻² the largest measured error
/// is 2.1·10⁻⁴, and the tolerance is the vision layers' 10⁻³ for smooth layers.
@Suite("Gradient checks and values: transformer layers")
struct TransformerGradientCheckTests {
    static let tolerance = VisionGradientCheckTests.smoothTolerance

    @Test("LayerNorm: γ, β and input, over the last axis of a rank-3 input")
    func layerNormGradient() {
        var norm = LayerNorm(features: 5)
        norm.weight.value = Fixtures.normal([5], seed: 41)
        norm.bias.value = Fixtures.normal([5], seed: 42)
        var x = Fixtures.normal([2, 3, 5], seed: 43)
        x.storage = x.storage.map { 2 * $0 + 0.5 }
        VisionGradientCheckTests.check("LayerNorm", norm, x, Fixtures.normal([2, 3, 5], seed: 44), tolerance: Self.tolerance)
    }

    @Test("LayerNorm of [1, 2, 3]: (x − 2)/√(2/3 + ε), then γ and β")
    func layerNormValues() {
        let norm = LayerNorm(weight: Tensor(shape: [3], storage: [1, 2, 1]), bias: Tensor(shape: [3], storage: [0, 0, 1]), epsilon: 0)
        let y = norm(Tensor(shape: [1, 3], storage: [1, 2, 3]))
        let r = Float(1.5).squareRoot()  // 1/√(2/3)
        for (got, want) in zip(y.storage, [-r, 0, r + 1]) { #expect(abs(got - want) < 1e-6, "\(y.storage)") }
        // A constant row has zero variance: ε keeps it finite and the output is β.
        let flat = LayerNorm(features: 4, epsilon: 1e-12)(Tensor(shape: [1, 4], repeating: 7))
        #expect(flat.storage == [0, 0, 0, 0])
    }

    @Test("GELU: input gradient, and x·Φ(x) at known points")
    func gelu() {
        VisionGradientCheckTests.check("GELU", GELU(), Fixtures.normal([3, 7], seed: 45), Fixtures.normal([3, 7], seed: 46),
                                       tolerance: Self.tolerance)
        // Φ(1) = 0.8413447460685429, Φ(−2) = 0.022750131948179195 (erf tables).
        let y = GELU()(Tensor(shape: [3], storage: [1, -2, 0]))
        #expect(abs(y.storage[0] - 0.8413447) < 1e-6)
        #expect(abs(y.storage[1] - -0.04550026) < 1e-7)
        #expect(y.storage[2] == 0)
        var training = GELU()
        #expect(training.forward(Tensor(shape: [3], storage: [1, -2, 0])) == y, "forward and inference agree")
    }

    @Test("Embedding: rows by id; repeated ids accumulate their gradients")
    func embedding() {
        var table = Embedding(weight: Tensor(shape: [3, 2], storage: [0, 1, 10, 11, 20, 21]))
        let y = table.forward([2, 0, 2])
        #expect(y == Tensor(shape: [3, 2], storage: [20, 21, 0, 1, 20, 21]))
        table.backward(Tensor(shape: [3, 2], storage: [1, 2, 3, 4, 5, 6]))
        #expect(table.weight.gradient.storage == [3, 4, 0, 0, 6, 8])
    }

    /// Attention under a fixed key mask, as a `Layer` for the shared gradient check.
    struct Masked: Layer {
        var attention: MultiHeadAttention
        let mask: [Bool]
        mutating func forward(_ input: Tensor) -> Tensor { attention.forward(input, keyMask: mask) }
        mutating func backward(_ outputGradient: Tensor) -> Tensor { attention.backward(outputGradient) }
        func callAsFunction(_ input: Tensor) -> Tensor { attention(input, keyMask: mask) }
        mutating func visitParameters(_ body: (String, inout Parameter) -> Void) { attention.visitParameters { body("attention." + $0, &$1) } }
    }

    static func attention(causal: Bool, seed: UInt64) -> MultiHeadAttention {
        var rng = SeededGenerator(seed: seed)
        return MultiHeadAttention(dimension: 4, heads: 2, causal: causal, using: &rng)
    }

    @Test("MultiHeadAttention: every projection and the input; causal, padded and plain", arguments: [
        (false, false), (true, false), (false, true), (true, true),
    ])
    func attentionGradient(causal: Bool, padded: Bool) {
        let layer = Masked(attention: Self.attention(causal: causal, seed: 47),
                           mask: padded ? [true, true, false, true, true, true] : Array(repeating: true, count: 6))
        var x = Fixtures.normal([2, 3, 4], seed: 48)
        x.storage = x.storage.map { 1.5 * $0 }
        let target = Fixtures.normal([2, 3, 4], seed: 49)
        let label = "attention causal=\(causal) padded=\(padded)"
        let (dx, trained) = Fixtures.backward(layer, x, target, MSELoss())
        let numeric = GradientCheck.numericGradient(of: { Fixtures.loss(layer, $0, target, MSELoss(), training: false) }, at: x)
        let error = GradientCheck.relativeError(analytic: dx.storage, numeric: numeric)
        #expect(error < Self.tolerance, "\(label) ∂L/∂input: relative error \(error)")
        for (name, p) in layer.namedParameters where name != "attention.key.bias" {
            let numeric = GradientCheck.numericGradient(of: {
                Fixtures.loss(Fixtures.with(layer, name, $0), x, target, MSELoss(), training: false)
            }, at: p.value)
            let error = GradientCheck.relativeError(analytic: Fixtures.gradient(trained, name), numeric: numeric)
            #expect(error < Self.tolerance, "\(label) ∂L/∂\(name): relative error \(error)")
        }
        // b_K adds q·b_K to every score of a row, which softmax cancels: ∂L/∂b_K = 0 exactly,
        // so it is checked against 0 (a relative error would compare rounding noise).
        let largest = trained.namedParameters.map { $0.parameter.gradient.storage.map(abs).max()! }.max()!
        let keyBias = Fixtures.gradient(trained, "attention.key.bias").map(abs).max()!
        #expect(keyBias <= 1e-5 * largest, "\(label) ∂L/∂key.bias = \(keyBias), not 0 (largest \(largest))")
    }

    @Test("MultiHeadAttention: a causal position ignores later tokens, a masked key is ignored")
    func attentionMasks() {
        let x = Fixtures.normal([1, 4, 4], seed: 50)
        var later = x
        for j in 8..<16 { later.storage[j] += 3 }  // change tokens 2 and 3
        let causal = Self.attention(causal: true, seed: 51)
        let (a, b) = (causal(x, keyMask: nil), causal(later, keyMask: nil))
        #expect(Array(a.storage[0..<8]) == Array(b.storage[0..<8]), "tokens 0 and 1 saw the future")
        #expect(a.storage[8..<16] != b.storage[8..<16])
        // Without causality, masking tokens 2 and 3 hides their change from tokens 0 and 1.
        let plain = Self.attention(causal: false, seed: 51)
        let mask = [true, true, false, false]
        #expect(Array(plain(x, keyMask: mask).storage[0..<8]) == Array(plain(later, keyMask: mask).storage[0..<8]))
        #expect(plain(x, keyMask: nil).storage[0..<8] != plain(later, keyMask: nil).storage[0..<8])
        // Training and inference outputs agree.
        var training = plain
        #expect(training.forward(x, keyMask: mask) == plain(x, keyMask: mask))
    }

    @Test("MultiHeadAttention with one head and identity projections is softmax(x·xᵀ/√D)·x")
    func attentionValues() {
        let eye = Tensor(shape: [2, 2], storage: [1, 0, 0, 1]), zero = Tensor(shape: [2], repeating: 0)
        let id = Linear(weight: eye, bias: zero)
        let layer = MultiHeadAttention(query: id, key: id, value: id, output: id, heads: 1, causal: false)
        let x = Tensor(shape: [1, 2, 2], storage: [1, 0, 0, 2])
        // Scores /√2: row 0 = [1, 0]/√2, row 1 = [0, 4]/√2.
        let s: Float = 1 / Float(2).squareRoot()
        let p0 = 1 / (1 + expm(-s)), p1 = 1 / (1 + expm(-4 * s))
        let want: [Float] = [p0 * 1, (1 - p0) * 2, (1 - p1) * 1, p1 * 2]
        for (got, w) in zip(layer(x, keyMask: nil).storage, want) { #expect(abs(got - w) < 1e-6) }
    }

    /// e^x in FP64, rounded once (the tests' own, independent of the layer's `expf`).
    func expm(_ x: Float) -> Float { Float(exp(Double(x))) }
}
