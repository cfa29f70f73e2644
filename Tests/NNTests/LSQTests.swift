import NN
import NNTestSupport
import Tensor
import Testing

/// LSQ's gradients (Esser et al., 2020) against finite differences.
///
/// The step-size gradient is not the derivative of the forward pass: away from rounding
/// boundaries x̂ = s·q with q constant, so the true ∂x̂/∂s is q inside the range (and ±Qp where
/// clipped), while LSQ uses q − x/s inside (rounding read as the identity). So the checks:
/// 1. with values placed away from rounding boundaries (fractional part of x/s in [0.2, 0.3]),
///    finite differences of the real forward give Σ ∂L/∂x̂ · (q or ±Qp); LSQ's gradient, divided by
///    its gradient scale g, minus the straight-through term Σ_inside ∂L/∂x̂ · (−x/s), must equal it;
/// 2. finite differences of the surrogate x̂(s) = s · (q₀ + x/s − x/s₀) inside the range (rounding
///    frozen at s₀ plus the identity deviation) and s·(±Qp) outside, whose derivative at s₀ is
///    exactly LSQ's ∂x̂/∂s, must equal LSQ's gradient divided by g.
/// The step h = 10⁻³·s moves x/s by at most 0.004 for |x/s| ≤ 4, so no value crosses a boundary.
@Suite("LSQ fake quantization")
struct LSQTests {
    static let bits = 3  // Qp = 3
    static let step: Float = 0.5
    /// x/s: inside values with fractional parts 0.2–0.3 (away from .5) and clipped values.
    static let ratios: [Float] = [-2.25, -1.2, -0.3, 0.22, 0.75 - 0.5, 1.28, 2.2, 3.9, -3.7, 5.0]
    static let input = Tensor(shape: [2, 5], storage: ratios.map { $0 * step })
    static let upstream = Tensor(shape: [2, 5], storage: [0.3, -1.1, 0.7, 0.2, -0.4, 0.9, -0.6, 1.3, -0.8, 0.5])

    /// L(s) = Σ upstream · x̂(s): a linear readout, so ∂L/∂x̂ = upstream.
    static func readout(_ xHat: Tensor) -> Double {
        zip(xHat.storage, upstream.storage).reduce(0) { $0 + Double($1.0) * Double($1.1) }
    }

    /// The analytic step gradient divided by the gradient scale, and the input gradient.
    static func analytic() -> (step: Double, input: Tensor, scale: Float) {
        var q = LSQFakeQuantizer(bits: bits, step: step)
        _ = q.forward(input)
        let dx = q.backward(upstream)
        return (Double(q.step.gradient.storage[0]) / Double(q.gradientScale), dx, q.gradientScale)
    }

    @Test("gradient scale is 1/√(N·Qp)")
    func gradientScale() {
        #expect(Self.analytic().scale == 1 / (Float(10) * 3).squareRoot())
    }

    @Test("input gradient scale counts every feature of a sample: N_F = C·H·W for a convolution input, F for a linear one")
    func inputGradientScale() {
        var conv = LSQFakeQuantizer(bits: 4, step: 0.1, perSampleCount: true)
        _ = conv.forward(Tensor(shape: [2, 3, 4, 5], repeating: 0.3))
        #expect(conv.gradientScale == 1 / (Float(3 * 4 * 5) * 7).squareRoot())
        var linear = LSQFakeQuantizer(bits: 4, step: 0.1, perSampleCount: true)
        _ = linear.forward(Tensor(shape: [8, 6], repeating: 0.3))
        #expect(linear.gradientScale == 1 / (Float(6) * 7).squareRoot())
        var weights = LSQFakeQuantizer(bits: 4, step: 0.1)
        _ = weights.forward(Tensor(shape: [2, 3, 4, 5], repeating: 0.3))
        #expect(weights.gradientScale == 1 / (Float(120) * 7).squareRoot())
    }

    @Test("step gradient: finite differences of the real forward plus the straight-through term")
    func stepAgainstForward() {
        let fd = GradientCheck.numericGradient(of: { s in
            Self.readout(LSQFakeQuantizer(bits: Self.bits, step: s.storage[0])(Self.input))
        }, at: Tensor(shape: [1], storage: [Self.step]), step: 1e-3 * Self.step)[0]
        let straightThrough = zip(Self.ratios, Self.upstream.storage).reduce(0.0) { sum, pair in
            abs(pair.0) < 3 ? sum + Double(pair.1) * Double(-pair.0) : sum
        }
        let lsq = Self.analytic().step
        let error = abs(lsq - (fd + straightThrough)) / abs(lsq)
        #expect(error < 1e-4, "LSQ ∂L/∂s = \(lsq), FD + STE term = \(fd + straightThrough)")
    }

    @Test("step gradient: finite differences of the straight-through surrogate")
    func stepAgainstSurrogate() {
        let q0 = Self.ratios.map { min(max($0.rounded(.toNearestOrEven), -3), 3) }
        let fd = GradientCheck.numericGradient(of: { t in
            let s = t.storage[0]
            let xHat = zip(Self.input.storage, q0).map { x, q -> Float in
                let z0 = x / Self.step
                if z0 <= -3 { return -3 * s }
                if z0 >= 3 { return 3 * s }
                return s * (q + x / s - z0)
            }
            return Self.readout(Tensor(shape: Self.input.shape, storage: xHat))
        }, at: Tensor(shape: [1], storage: [Self.step]), step: 1e-3 * Self.step)[0]
        let lsq = Self.analytic().step
        #expect(abs(lsq - fd) / abs(lsq) < 1e-4, "LSQ ∂L/∂s = \(lsq), surrogate FD = \(fd)")
    }

    @Test("input gradient passes inside the range and is zero where clipped")
    func inputGradient() {
        let dx = Self.analytic().input
        for (i, r) in Self.ratios.enumerated() {
            let expected: Float = abs(r) < 3 ? Self.upstream.storage[i] : 0
            #expect(dx.storage[i] == expected, "x/s = \(r)")
        }
    }

    @Test("initial step is 2·mean|x|/√Qp")
    func initialisation() {
        var q = LSQFakeQuantizer(bits: 3)
        _ = q.forward(Tensor(shape: [4], storage: [1, -2, 3, -6]))
        // mean|x| = 3, √3 ≈ 1.7320508: s₀ = 6/√3 = 2√3.
        #expect(abs(q.step.value.storage[0] - 2 * Float(3).squareRoot()) < 1e-6)
    }
}
