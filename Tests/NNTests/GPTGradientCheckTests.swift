import NN
import NNTestSupport
import Tensor
import Testing

/// The GPT and its block against central finite differences: pre-LN residual paths, causal
/// attention, GELU MLP and the tied output (whose embedding gets two gradient contributions).
@Suite struct GPTGradientCheckTests {
    /// Smooth layers: the vision layers' tolerance (truncation error of h = 10⁻² through
    /// softmax, LayerNorm and GELU, see `TransformerGradientCheckTests`).
    static let tolerance = VisionGradientCheckTests.smoothTolerance

    static let model: GPT = {
        var rng = SeededGenerator(seed: 61)
        var model = GPT(vocabulary: 7, context: 4, dimension: 8, heads: 2, layers: 2, using: &rng)
        // GPT-2's initialisation (σ = 0.02) leaves logits near 0; larger weights exercise every path.
        model.visitParameters { name, p in
            if p.value.rank == 2 { p.value = Fixtures.normal(p.value.shape, seed: UInt64(name.utf8.count) + 62).scaled(0.5) }
        }
        return model
    }()
    static let tokens = [1, 3, 0, 6, 2, 2, 5, 4]
    static let targets = Tensor(shape: [8], storage: [3, 0, 6, 2, 2, 5, 4, 1])

    static func loss(_ model: GPT) -> Double {
        SoftmaxCrossEntropy()(model.logits(tokens, length: 4), targets).value
    }

    static func with(_ model: GPT, _ name: String, _ value: Tensor) -> GPT {
        var m = model
        m.visitParameters { n, p in if n == name { p.value = value } }
        return m
    }

    @Test(arguments: ["transformer.wte.weight", "transformer.wpe.weight", "transformer.h.0.ln_1.weight", "transformer.h.0.attn.q_proj.weight",
                      "transformer.h.1.attn.c_proj.bias", "transformer.h.0.mlp.c_fc.weight", "transformer.h.1.mlp.c_proj.weight",
                      "transformer.h.1.ln_2.bias", "transformer.ln_f.weight"])
    func parameterGradient(_ name: String) {
        var trained = Self.model
        trained.zeroGradients()
        let (_, g) = SoftmaxCrossEntropy()(trained.forward(Self.tokens, length: 4), Self.targets)
        trained.backward(g)
        var analytic: [Float] = []
        trained.visitParameters { n, p in if n == name { analytic = p.gradient.storage } }
        var value = Tensor(shape: [1])
        var copy = Self.model
        copy.visitParameters { n, p in if n == name { value = p.value } }
        // h = 2·10⁻³: attention and GELU are far from quadratic at these weights, and the
        // truncation error of h = 10⁻² (∝ h²) exceeds the tolerance; FP32 rounding of a loss
        // of order 2 stays near u·|f|/h ≈ 10⁻⁴.
        let numeric = GradientCheck.numericGradient(of: { Self.loss(Self.with(Self.model, name, $0)) }, at: value, step: 2e-3)
        let error = GradientCheck.relativeError(analytic: analytic, numeric: numeric)
        #expect(error < Self.tolerance, "GPT ∂L/∂\(name): relative error \(error)")
    }

    /// Training mode and inference give the same logits (no dropout, LayerNorm has no state).
    @Test func forwardMatchesInference() {
        var m = Self.model
        let a = m.forward(Self.tokens, length: 4), b = Self.model.logits(Self.tokens, length: 4)
        #expect(zip(a.storage, b.storage).allSatisfy { abs($0 - $1) <= 1e-6 * max(1, abs($0)) })
    }

    /// Causality: changing the last token of a sequence leaves the logits of its earlier positions unchanged.
    @Test func laterTokensDoNotChangeEarlierLogits() {
        var changed = Self.tokens
        changed[3] = 0
        let a = Self.model.logits(Self.tokens, length: 4).storage, b = Self.model.logits(changed, length: 4).storage
        #expect(Array(a[0..<21]) == Array(b[0..<21]))
        #expect(Array(a[21..<28]) != Array(b[21..<28]))
    }

    /// GPT-2's names, and the tied output adds no tensor.
    @Test func parameterNames() {
        var m = Self.model
        var names: [String] = []
        m.visitParameters { n, _ in names.append(n) }
        #expect(names.first == "transformer.wte.weight" && names.last == "transformer.ln_f.bias")
        #expect(names.contains("transformer.h.1.attn.c_proj.weight") && !names.contains { $0.hasPrefix("lm_head") })
        #expect(names.count == 2 + 2 * 16 + 2)
    }
}

extension Tensor {
    /// Every element times `factor`.
    func scaled(_ factor: Float) -> Tensor { Tensor(shape: shape, storage: storage.map { $0 * factor }) }
}
