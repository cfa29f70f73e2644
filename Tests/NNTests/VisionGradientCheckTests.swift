import NN
import NNTestSupport
import Tensor
import Testing

/// The vision layers' analytic gradients against central finite differences (`GradientCheck`):
/// for every layer, ∂L/∂input and ∂L/∂(each parameter).
///
/// Tolerances, by why the finite difference is or is not exact:
/// - Conv2d, MaxPool2d, ReLU and Flatten are linear in each input and parameter (pooling and
///   ReLU piecewise so, with inputs placed so that no argmax changes and no input crosses 0
///   within the step h = 10⁻²), so under MSE the objective is quadratic in each coordinate: the
///   central difference has no truncation error and only FP32 rounding remains, as for `Linear`:
///   10⁻⁴.
/// - Batch norm and softmax cross-entropy are smooth but not quadratic: the central difference
///   carries a truncation error h²/6 · f‴, and FP32 rounding of the forward adds about u·|f|/h
///   (u = 2⁻²⁴). Measured with h = 10⁻²: batch norm's input gradient 2·10⁻⁴ (truncation: its
///   normalisation is strongly curved over a 36-value channel), everything else ≤ 6·10⁻⁵;
///   10⁻³ leaves a factor of five over the largest.
/// - The small CNN composes them in training mode under cross-entropy, 10⁻³ for the same reason;
///   its test also checks that no evaluation crosses a ReLU or pooling kink (seed 42 is one
///   where none does; with another seed a crossing is reported as such, not as a wrong gradient).
@Suite("Gradient checks: vision layers")
struct VisionGradientCheckTests {
    /// For layers and losses whose objective is quadratic in each coordinate (see above).
    static let quadraticTolerance = 1e-4
    /// For batch norm, softmax cross-entropy and their compositions (see above).
    static let smoothTolerance = 1e-3

    /// Checks ∂L/∂input and every ∂L/∂parameter of `layer` at `x`, each labelled.
    static func check(
        _ label: String, _ layer: some Layer, _ x: Tensor, _ target: Tensor, loss: some Loss = MSELoss(),
        training: Bool = false, tolerance: Double
    ) {
        let (dx, trained) = Fixtures.backward(layer, x, target, loss)
        let numeric = GradientCheck.numericGradient(of: { Fixtures.loss(layer, $0, target, loss, training: training) }, at: x)
        let error = GradientCheck.relativeError(analytic: dx.storage, numeric: numeric)
        #expect(error < tolerance, "\(label) ∂L/∂input: relative error \(error)")
        for (name, p) in layer.namedParameters {
            let numeric = GradientCheck.numericGradient(of: {
                Fixtures.loss(Fixtures.with(layer, name, $0), x, target, loss, training: training)
            }, at: p.value)
            let error = GradientCheck.relativeError(analytic: Fixtures.gradient(trained, name), numeric: numeric)
            #expect(error < tolerance, "\(label) ∂L/∂\(name): relative error \(error)")
        }
    }

    /// Distinct values spaced 0.05 apart (more than 2h) in a seeded order: no pooling window
    /// changes its argmax when one value moves by h.
    static func distinct(_ shape: [Int], seed: UInt64) -> Tensor {
        var order = Array(0..<shape.reduce(1, *))
        var rng = SeededGenerator(seed: seed)
        rng.shuffle(&order)
        return Tensor(shape: shape, storage: order.map { Float($0) * 0.05 - 1 })
    }

    @Test("Conv2d: weight, bias and input", arguments: [
        ("3×3, stride 1, no padding", [3, 2, 3, 3], 1, 0),
        ("3×3, stride 2, padding 1", [3, 2, 3, 3], 2, 1),
        ("3×2 kernel, stride 1, padding 2", [2, 2, 3, 2], 1, 2),
    ])
    func conv(_ label: String, _ weightShape: [Int], _ stride: Int, _ padding: Int) {
        let conv = Conv2d(weight: Fixtures.normal(weightShape, seed: 21), bias: Fixtures.normal([weightShape[0]], seed: 22),
                          stride: stride, padding: padding)
        let x = Fixtures.normal([2, 2, 6, 5], seed: 23)
        let target = Fixtures.normal(conv.outputShape(for: x.shape), seed: 24)
        Self.check("Conv2d \(label)", conv, x, target, tolerance: Self.quadraticTolerance)
    }

    @Test("MaxPool2d: input gradient routed to the argmax", arguments: [(2, 2), (3, 2)])
    func maxPool(kernel: Int, stride: Int) {
        let pool = MaxPool2d(kernelSize: kernel, stride: stride)
        let x = Self.distinct([2, 2, 5, 5], seed: 25)
        let target = Fixtures.normal(pool.outputShape(for: x.shape), seed: 26)
        Self.check("MaxPool2d k\(kernel) s\(stride)", pool, x, target, tolerance: Self.quadraticTolerance)
    }

    @Test("ReLU: input gradient away from the kink")
    func relu() {
        // |x| ≥ 0.05 > h: no input crosses 0 in the finite difference.
        var x = Fixtures.normal([4, 6], seed: 27)
        x.storage = x.storage.map { $0 < 0 ? min($0, -0.05) : max($0, 0.05) }
        Self.check("ReLU", ReLU(), x, Fixtures.normal([4, 6], seed: 28), tolerance: Self.quadraticTolerance)
    }

    @Test("Flatten: input gradient")
    func flatten() {
        Self.check("Flatten", Flatten(), Fixtures.normal([2, 3, 2, 2], seed: 29), Fixtures.normal([2, 12], seed: 30),
                   tolerance: Self.quadraticTolerance)
    }

    @Test("BatchNorm2d in training mode: γ, β and input")
    func batchNorm() {
        var bn = BatchNorm2d(channels: 2)
        bn.weight.value = Tensor(shape: [2], storage: [1.5, -0.7])
        bn.bias.value = Tensor(shape: [2], storage: [0.2, -0.3])
        var x = Fixtures.normal([3, 2, 3, 4], seed: 31)
        x.storage = x.storage.map { 2 * $0 + 1 }
        Self.check("BatchNorm2d", bn, x, Fixtures.normal([3, 2, 3, 4], seed: 32), training: true,
                   tolerance: Self.smoothTolerance)
    }

    @Test("SoftmaxCrossEntropy: gradient with respect to the logits")
    func softmaxCrossEntropy() {
        var logits = Fixtures.normal([5, 4], seed: 33)
        logits.storage = logits.storage.map { 2 * $0 }
        let labels = Fixtures.labels(5, classes: 4, seed: 34)
        let analytic = SoftmaxCrossEntropy()(logits, labels).gradient.storage
        let numeric = GradientCheck.numericGradient(of: { SoftmaxCrossEntropy()($0, labels).value }, at: logits)
        let error = GradientCheck.relativeError(analytic: analytic, numeric: numeric)
        #expect(error < Self.smoothTolerance, "SoftmaxCrossEntropy: relative error \(error)")
    }

    @Test("a small CNN in training mode under cross-entropy: every parameter and the input")
    func cnn() {
        let (model, x, labels) = Self.smallCNN(seed: 42)
        let loss = SoftmaxCrossEntropy()
        let (dx, trained) = Fixtures.backward(model, x, labels, loss)
        // Every evaluation must stay on the base point's linear piece: the same ReLU signs and
        // pooling argmaxes. Otherwise the difference quotient straddles a kink and means nothing.
        let base = Self.pieces(model, x)
        var crossings: [String] = []
        func numeric(_ label: String, at value: Tensor, _ modelAt: (Tensor) -> (Sequential, Tensor)) -> [Double] {
            GradientCheck.numericGradient(of: { v in
                let (m, input) = modelAt(v)
                if Self.pieces(m, input) != base { crossings.append(label) }
                return Fixtures.loss(m, input, labels, loss, training: true)
            }, at: value)
        }
        let errorX = GradientCheck.relativeError(analytic: dx.storage, numeric: numeric("input", at: x) { (model, $0) })
        #expect(errorX < Self.smoothTolerance, "CNN ∂L/∂input: relative error \(errorX)")
        for (name, p) in model.namedParameters where name != "0.bias" {
            let error = GradientCheck.relativeError(
                analytic: Fixtures.gradient(trained, name), numeric: numeric(name, at: p.value) { (Fixtures.with(model, name, $0), x) })
            #expect(error < Self.smoothTolerance, "CNN ∂L/∂\(name): relative error \(error)")
        }
        #expect(crossings.isEmpty, "finite differences crossed a ReLU or pooling kink for \(Set(crossings).sorted())")
        // The convolution's bias is followed by batch norm, whose batch mean cancels it:
        // ∂L/∂b = 0 exactly, so it is checked against 0 (relative error would compare noise).
        let largest = trained.namedParameters.map { $0.parameter.gradient.storage.map(abs).max()! }.max()!
        let bias = Fixtures.gradient(trained, "0.bias").map(abs).max()!
        #expect(bias <= 1e-5 * largest, "CNN ∂L/∂0.bias = \(bias), not 0 (largest gradient \(largest))")
    }

    /// conv 2×2 (1 → 2) → batch norm → ReLU → max-pool 2 → flatten → linear 8 → 3, on two 5×5
    /// images with labels: the vision model's layer sequence at a size where finite differences
    /// are quick.
    static func smallCNN(seed: UInt64) -> (Sequential, Tensor, Tensor) {
        var rng = SeededGenerator(seed: seed)
        let model = Sequential([
            Conv2d(inputChannels: 1, outputChannels: 2, kernelSize: 2, using: &rng),  // 5×5 → 4×4
            BatchNorm2d(channels: 2), ReLU(), MaxPool2d(),                             // → 2×2
            Flatten(), Linear(inputs: 8, outputs: 3, using: &rng),
        ])
        return (model, .normal(shape: [2, 1, 5, 5], using: &rng), Fixtures.labels(2, classes: 3, seed: seed + 1))
    }

    /// The linear piece of `model` (training mode) at `x`: the sign of every ReLU input and the
    /// argmax of every pooling window (as the mask max pooling routes gradients through).
    static func pieces(_ model: Sequential, _ x: Tensor) -> [Bool] {
        var m = model
        var h = x
        var out: [Bool] = []
        for i in m.layers.indices {
            if m.layers[i] is ReLU { out += h.storage.map { $0 > 0 } }
            if var pool = m.layers[i] as? MaxPool2d {
                let y = pool.forward(h)
                out += pool.backward(Tensor(shape: y.shape, repeating: 1)).storage.map { $0 != 0 }
            }
            h = m.layers[i].forward(h)
        }
        return out
    }
}
