public import Tensor

/// A differentiable building block: it owns its parameters, `forward` keeps what `backward`
/// needs, and `backward` turns ∂L/∂output into ∂L/∂input while adding ∂L/∂parameters into its
/// parameters' gradients.
///
/// The shape follows Swift for TensorFlow's `Layer` and MLX Swift's `Module`, without automatic
/// differentiation: every layer writes its own backward, checked against finite differences
/// (`GradientCheck`). A model is a composition of layers (`Sequential`), so Conv2d, ReLU,
/// LayerNorm or attention arrive as more conforming types; quantization is a capability a layer
/// opts into (`QuantizableLayer`).
///
/// The call sequence of one training step is `forward`, then `backward` with the gradient of the
/// loss at that forward's output; `backward` uses the cache of the latest `forward`. Inference
/// (`callAsFunction`) keeps nothing and uses evaluation behaviour (e.g. a fixed observed range).
public protocol Layer: Sendable {
    /// The training-mode output for `input`, caching what `backward` needs.
    mutating func forward(_ input: Tensor) -> Tensor

    /// ∂L/∂input from ∂L/∂output (same shape as the latest `forward`'s output); adds the
    /// parameter gradients into the parameters.
    /// - Precondition: `forward` ran before, with an output of `outputGradient`'s shape.
    mutating func backward(_ outputGradient: Tensor) -> Tensor

    /// The inference output for `input`: no cache, no state change.
    func callAsFunction(_ input: Tensor) -> Tensor

    /// Calls `body` on every parameter, in a fixed order, with a dotted name (`weight`,
    /// `0.bias`, `weightQuantizer.step`): what optimizers, checkpoints and gradient checks walk.
    mutating func visitParameters(_ body: (_ name: String, _ parameter: inout Parameter) -> Void)

    /// Calls `body` on every buffer, in a fixed order, with a dotted name (`runningMean`,
    /// `1.runningVariance`): state that inference uses but no optimizer trains (batch norm's
    /// running statistics, PyTorch's "buffers"). Checkpoints save buffers with the parameters.
    /// Layers without buffers use the default, which visits nothing.
    mutating func visitBuffers(_ body: (_ name: String, _ buffer: inout Tensor) -> Void)
}

extension Layer {
    /// No buffers.
    public mutating func visitBuffers(_ body: (_ name: String, _ buffer: inout Tensor) -> Void) {}

    /// Sets every parameter's gradient to zero.
    public mutating func zeroGradients() {
        visitParameters { _, p in p.zeroGradient() }
    }

    /// The number of scalar parameters.
    public var parameterCount: Int {
        var copy = self
        var n = 0
        copy.visitParameters { _, p in n += p.value.count }
        return n
    }

    /// The parameters by name, in visiting order (copies).
    public var namedParameters: [(name: String, parameter: Parameter)] {
        var copy = self
        var out: [(String, Parameter)] = []
        copy.visitParameters { name, p in out.append((name, p)) }
        return out
    }
}
