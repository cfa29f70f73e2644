import NN
import Tensor

/// Small seeded problems shared by the NN tests.
enum Fixtures {
    /// A tensor of N(0, 1) samples from a fixed seed.
    static func normal(_ shape: [Int], seed: UInt64) -> Tensor {
        var rng = SeededGenerator(seed: seed)
        return .normal(shape: shape, using: &rng)
    }

    /// The MSE of `layer`'s inference output against `target` (FP64 reduction).
    static func loss(_ layer: some Layer, _ x: Tensor, _ target: Tensor) -> Double {
        MSELoss()(layer(x), target).value
    }

    /// One forward and backward of `layer` under MSE: the input gradient, and the layer after
    /// (its parameters carry the gradients).
    static func backward<L: Layer>(_ layer: L, _ x: Tensor, _ target: Tensor) -> (input: Tensor, layer: L) {
        var l = layer
        l.zeroGradients()
        let (_, g) = MSELoss()(l.forward(x), target)
        let dx = l.backward(g)
        return (dx, l)
    }

    /// `loss` of `layer`'s output for `x` against `target`, in training mode (`forward` on a
    /// copy, so batch norm uses the batch's statistics) or inference mode.
    static func loss(_ layer: some Layer, _ x: Tensor, _ target: Tensor, _ loss: some Loss, training: Bool) -> Double {
        guard training else { return loss(layer(x), target).value }
        var l = layer
        return loss(l.forward(x), target).value
    }

    /// One forward and backward of `layer` under `loss`: the input gradient, and the layer after.
    static func backward<L: Layer>(_ layer: L, _ x: Tensor, _ target: Tensor, _ loss: some Loss) -> (input: Tensor, layer: L) {
        var l = layer
        l.zeroGradients()
        let (_, g) = loss(l.forward(x), target)
        let dx = l.backward(g)
        return (dx, l)
    }

    /// Class labels 0..<classes as floats, `[count]`, from a fixed seed.
    static func labels(_ count: Int, classes: Int, seed: UInt64) -> Tensor {
        var rng = SeededGenerator(seed: seed)
        return Tensor(shape: [count], storage: (0..<count).map { _ in Float(rng.nextIndex(below: classes)) })
    }

    /// The named parameter's gradient.
    static func gradient(_ layer: some Layer, _ name: String) -> [Float] {
        layer.namedParameters.first { $0.name == name }!.parameter.gradient.storage
    }

    /// A copy of `layer` with the named parameter's value replaced.
    static func with<L: Layer>(_ layer: L, _ name: String, _ value: Tensor) -> L {
        var l = layer
        l.visitParameters { n, p in if n == name { p.value = value } }
        return l
    }
}

/// A model of one scalar parameter θ whose loss gradient is set by hand: for optimizer tests.
struct ScalarModel: Layer {
    var theta: Parameter

    init(_ value: Float) { theta = Parameter(Tensor(shape: [1], storage: [value])) }

    var value: Float { theta.value.storage[0] }

    mutating func setGradient(_ g: Float) { theta.gradient.storage[0] = g }

    mutating func forward(_ input: Tensor) -> Tensor { input }
    mutating func backward(_ outputGradient: Tensor) -> Tensor { outputGradient }
    func callAsFunction(_ input: Tensor) -> Tensor { input }
    mutating func visitParameters(_ body: (String, inout Parameter) -> Void) { body("theta", &theta) }
}
