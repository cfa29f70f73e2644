public import Tensor

/// A fully connected layer, `y = x·Wᵀ + b`, that can fake-quantize its weights and inputs.
///
/// ```
/// forward:   x̂ = Q_in(x),  Ŵ = Q_w(W),  y = x̂ · Ŵᵀ + b           x: [N, in], W: [out, in], y: [N, out]
/// backward:  ∂L/∂Ŵ = (∂L/∂y)ᵀ · x̂,  ∂L/∂b = Σₙ ∂L/∂yₙ,  ∂L/∂x̂ = ∂L/∂y · Ŵ
///            then through Q_w and Q_in (identity when unset)
/// ```
/// The weight layout `[out, in]` is PyTorch's and safetensors', so checkpoints load as they are;
/// per-channel weight quantization is along axis 0. Products run on oneDNN FP32 `sgemm`.
public struct Linear: QuantizableLayer {
    /// W, `[outputs, inputs]`.
    public var weight: Parameter
    /// b, `[outputs]`.
    public var bias: Parameter
    public var weightQuantizer: (any FakeQuantizer)?
    public var inputQuantizer: (any FakeQuantizer)?
    /// A low-precision oneDNN kernel for inference (`callAsFunction`), or `nil` for FP32 sgemm;
    /// training (`forward`) always runs FP32.
    public var engine: LinearEngine?

    /// The quantized input and weight of the latest `forward`.
    private var cache: (input: Tensor, weight: Tensor)?

    /// A layer with the given weight and bias.
    /// - Precondition: `weight` is `[out, in]` and `bias` is `[out]`.
    public init(weight: Tensor, bias: Tensor) {
        precondition(weight.rank == 2 && bias.shape == [weight.shape[0]],
                     "Linear: weight \(weight.shape) and bias \(bias.shape) do not match")
        self.weight = Parameter(weight)
        self.bias = Parameter(bias)
    }

    /// A layer initialised as PyTorch does: W and b uniform in ±1/√inputs (Kaiming-uniform
    /// with a = √5), drawn from `rng`.
    public init(inputs: Int, outputs: Int, using rng: inout some RandomNumberGenerator) {
        let bound = 1 / Float(inputs).squareRoot()
        self.init(
            weight: .uniform(shape: [outputs, inputs], low: -bound, high: bound, using: &rng),
            bias: .uniform(shape: [outputs], low: -bound, high: bound, using: &rng))
    }

    /// Number of input features.
    public var inputs: Int { weight.value.shape[1] }
    /// Number of outputs.
    public var outputs: Int { weight.value.shape[0] }

    public mutating func forward(_ input: Tensor) -> Tensor {
        let x = inputQuantizer.forward(input)
        let w = weightQuantizer.forward(weight.value)
        cache = (x, w)
        return Linear.affine(x, w, bias.value)
    }

    public mutating func backward(_ outputGradient: Tensor) -> Tensor {
        guard let (x, w) = cache else { preconditionFailure("Linear.backward before forward") }
        precondition(outputGradient.shape == [x.shape[0], outputs],
                     "Linear.backward: gradient \(outputGradient.shape) for output [\(x.shape[0]), \(outputs)]")
        let dW = MatrixProduct.product(outputGradient, x, transposeA: true)
        weight.accumulateGradient(weightQuantizer.backward(dW).storage)
        var db = [Float](repeating: 0, count: outputs)
        for n in 0..<x.shape[0] {
            for o in 0..<outputs { db[o] += outputGradient.storage[n * outputs + o] }
        }
        bias.accumulateGradient(db)
        return inputQuantizer.backward(MatrixProduct.product(outputGradient, w))
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        if let engine { return engine(inputQuantizer.infer(input)) }
        return Linear.affine(inputQuantizer.infer(input), weightQuantizer.infer(weight.value), bias.value)
    }

    public mutating func visitParameters(_ body: (String, inout Parameter) -> Void) {
        body("weight", &weight)
        body("bias", &bias)
        weightQuantizer.visitParameters(prefix: "weightQuantizer.", body)
        inputQuantizer.visitParameters(prefix: "inputQuantizer.", body)
    }

    /// x · Wᵀ + b.
    private static func affine(_ x: Tensor, _ w: Tensor, _ b: Tensor) -> Tensor {
        precondition(x.rank == 2 && x.shape[1] == w.shape[1], "Linear: input \(x.shape) for weight \(w.shape)")
        var y = MatrixProduct.product(x, w, transposeB: true)
        let outputs = w.shape[0]
        y.storage.withUnsafeMutableBufferPointer { out in
            for n in 0..<x.shape[0] {
                for o in 0..<outputs { out[n * outputs + o] += b.storage[o] }
            }
        }
        return y
    }
}
