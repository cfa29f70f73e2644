import NN
import NNTestSupport
import QuantCore
import Tensor
import Testing

/// Analytic gradients against central finite differences (see `GradientCheck` for the FP32
/// method and why 10⁻⁴ holds for these quadratic objectives).
@Suite("Gradient checks")
struct GradientCheckTests {
    /// Linear and MSE are quadratic in each parameter: FP32 rounding is the only error left.
    static let tolerance = 1e-4

    let x = Fixtures.normal([6, 4], seed: 1)
    let target = Fixtures.normal([6, 3], seed: 2)
    let linear: Linear = {
        var rng = SeededGenerator(seed: 3)
        return Linear(inputs: 4, outputs: 3, using: &rng)
    }()

    @Test("Linear: weight, bias and input gradients", arguments: ["weight", "bias", "input"])
    func linear(_ wrt: String) {
        let (dx, trained) = Fixtures.backward(linear, x, target)
        let analytic: [Float]
        let numeric: [Double]
        if wrt == "input" {
            analytic = dx.storage
            numeric = GradientCheck.numericGradient(of: { Fixtures.loss(linear, $0, target) }, at: x)
        } else {
            analytic = Fixtures.gradient(trained, wrt)
            let value = linear.namedParameters.first { $0.name == wrt }!.parameter.value
            numeric = GradientCheck.numericGradient(of: { Fixtures.loss(Fixtures.with(linear, wrt, $0), x, target) }, at: value)
        }
        let error = GradientCheck.relativeError(analytic: analytic, numeric: numeric)
        #expect(error < Self.tolerance, "Linear ∂L/∂\(wrt): relative error \(error)")
    }

    @Test("MSE: gradient with respect to the prediction")
    func mse() {
        let prediction = Fixtures.normal([5, 2], seed: 4)
        let t = Fixtures.normal([5, 2], seed: 5)
        let analytic = MSELoss()(prediction, t).gradient.storage
        let numeric = GradientCheck.numericGradient(of: { MSELoss()($0, t).value }, at: prediction)
        let error = GradientCheck.relativeError(analytic: analytic, numeric: numeric)
        #expect(error < Self.tolerance, "MSE: relative error \(error)")
    }

    @Test("Sequential of two Linear layers: every parameter and the input")
    func sequential() {
        var rng = SeededGenerator(seed: 6)
        let model = Sequential([Linear(inputs: 4, outputs: 5, using: &rng), Linear(inputs: 5, outputs: 3, using: &rng)])
        let (dx, trained) = Fixtures.backward(model, x, target)
        for (name, p) in model.namedParameters {
            // Two stacked linear maps are quadratic in each single parameter: no truncation error.
            let numeric = GradientCheck.numericGradient(of: { Fixtures.loss(Fixtures.with(model, name, $0), x, target) }, at: p.value)
            let error = GradientCheck.relativeError(analytic: Fixtures.gradient(trained, name), numeric: numeric)
            #expect(error < Self.tolerance, "Sequential ∂L/∂\(name): relative error \(error)")
        }
        let numeric = GradientCheck.numericGradient(of: { Fixtures.loss(model, $0, target) }, at: x)
        let error = GradientCheck.relativeError(analytic: dx.storage, numeric: numeric)
        #expect(error < Self.tolerance, "Sequential ∂L/∂input: relative error \(error)")
    }

    /// STE defines ∂L/∂W as ∂L/∂Ŵ at the quantized weights (rounding read as the identity);
    /// so the check is against finite differences of a plain layer whose weights are Ŵ.
    @Test("STE weight quantization: gradient is the FP gradient at the quantized weights", arguments: [2, 3, 4, 8])
    func steWeights(bits: Int) {
        var q = linear
        q.weightQuantizer = STEFakeQuantizer(bits: bits, symmetric: bits > 2)
        let (_, trained) = Fixtures.backward(q, x, target)
        let quantizedWeight = STEFakeQuantizer(bits: bits, symmetric: bits > 2)(linear.weight.value)
        let plain = Fixtures.with(linear, "weight", quantizedWeight)
        let numeric = GradientCheck.numericGradient(of: { Fixtures.loss(Fixtures.with(plain, "weight", $0), x, target) }, at: quantizedWeight)
        let error = GradientCheck.relativeError(analytic: Fixtures.gradient(trained, "weight"), numeric: numeric)
        #expect(error < Self.tolerance, "STE \(bits)-bit weights: relative error \(error)")
    }

    /// Inputs with an observed range: inside it the gradient is the FP gradient at x̂; outside,
    /// the clamp is flat, so the true derivative (and the STE's) is exactly 0 there.
    @Test("STE input quantization: pass-through inside the observed range, zero where clipped")
    func steInputs() throws {
        var ste = STEFakeQuantizer(bits: 4, symmetric: true, rangeSource: .observed(averagingConstant: 0.01))
        // A first batch of ±1 sets the range; x (N(0, 1)) then moves it by 1 % only, so some of
        // x lies outside and is clipped.
        _ = ste.forward(Tensor(shape: [2], storage: [-1, 1]))
        var q = linear
        q.inputQuantizer = ste
        let (dx, trained) = Fixtures.backward(q, x, target)
        let used = try #require(trained.inputQuantizer as? STEFakeQuantizer)
        let p = used.quantizer.parameters(for: try #require(used.observer?.range))
        let qp = Float(used.quantizer.maxCode)
        let inside = x.storage.map { abs(($0 / p.scale).rounded(.toNearestOrEven)) <= qp }
        #expect(inside.contains(false) && inside.contains(true), "the fixture must clip some inputs and keep others")
        let xHat = used(x)
        let plain = GradientCheck.numericGradient(of: { Fixtures.loss(linear, $0, target) }, at: xHat)
        let expected = zip(inside, plain).map { $0.0 ? $0.1 : 0 }
        let error = GradientCheck.relativeError(analytic: dx.storage, numeric: expected)
        #expect(error < Self.tolerance, "STE inputs: relative error \(error)")
    }
}
