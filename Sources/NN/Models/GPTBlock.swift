public import Tensor

/// One pre-LayerNorm transformer decoder block (GPT-2's):
/// ```
/// h = x + Attn(LN₁(x))                      causal multi-head self-attention
/// y = h + W₂ · GELU(W₁ · LN₂(h) + b₁) + b₂   MLP of width 4·D
/// backward:  ∂h = ∂y + LN₂ᵀ(MLPᵀ(∂y)),   ∂x = ∂h + LN₁ᵀ(Attnᵀ(∂h))
/// ```
/// Input and output `[B, T, D]`. Parameter names follow GPT-2's checkpoints (`ln_1`, `attn.*`,
/// `ln_2`, `mlp.c_fc`, `mlp.c_proj`), with the attention's projections kept apart as `q_proj`,
/// `k_proj`, `v_proj` and `c_proj` in PyTorch's `[out, in]` layout (GPT-2 fuses the first three
/// into one `c_attn` stored `[in, out]`).
public struct GPTBlock: Layer {
    /// LN₁.
    public var layerNorm1: LayerNorm
    /// Causal self-attention.
    public var attention: MultiHeadAttention
    /// LN₂.
    public var layerNorm2: LayerNorm
    /// W₁, b₁: D → 4D.
    public var expand: Linear
    /// The MLP's activation.
    public var activation = GELU()
    /// W₂, b₂: 4D → D.
    public var contract: Linear

    /// A block of width `dimension` with `heads` heads, initialised as GPT-2 (weights N(0, 0.02²),
    /// biases 0, the two residual projections N(0, (0.02/√(2L))²) for a model of `depth` blocks,
    /// LayerNorms γ = 1, β = 0).
    public init(dimension: Int, heads: Int, depth: Int, using rng: inout some RandomNumberGenerator) {
        func linear(_ inputs: Int, _ outputs: Int, deviation: Float) -> Linear {
            Linear(weight: .normal(shape: [outputs, inputs], mean: 0, std: deviation, using: &rng),
                   bias: Tensor(shape: [outputs]))
        }
        let residual = 0.02 / Float(2 * depth).squareRoot()
        layerNorm1 = LayerNorm(features: dimension)
        attention = MultiHeadAttention(
            query: linear(dimension, dimension, deviation: 0.02), key: linear(dimension, dimension, deviation: 0.02),
            value: linear(dimension, dimension, deviation: 0.02), output: linear(dimension, dimension, deviation: residual),
            heads: heads, causal: true)
        layerNorm2 = LayerNorm(features: dimension)
        expand = linear(dimension, 4 * dimension, deviation: 0.02)
        contract = linear(4 * dimension, dimension, deviation: residual)
    }

    /// D.
    public var dimension: Int { layerNorm1.features }

    public mutating func forward(_ input: Tensor) -> Tensor {
        let h = residualSum(input, attention.forward(layerNorm1.forward(input), keyMask: nil))
        let n = h.count / dimension
        let normed = layerNorm2.forward(h).reshaped([n, dimension])
        let mlp = contract.forward(activation.forward(expand.forward(normed)))
        return residualSum(h, mlp.reshaped(h.shape))
    }

    public mutating func backward(_ outputGradient: Tensor) -> Tensor {
        let n = outputGradient.count / dimension
        let dNormed2 = expand.backward(activation.backward(contract.backward(outputGradient.reshaped([n, dimension]))))
        let dh = residualSum(outputGradient, layerNorm2.backward(dNormed2.reshaped(outputGradient.shape)))
        return residualSum(dh, layerNorm1.backward(attention.backward(dh)))
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        let h = residualSum(input, attention(layerNorm1(input), keyMask: nil))
        let n = h.count / dimension
        let mlp = contract(activation(expand(layerNorm2(h).reshaped([n, dimension]))))
        return residualSum(h, mlp.reshaped(h.shape))
    }

    public mutating func visitParameters(_ body: (String, inout Parameter) -> Void) {
        layerNorm1.visitParameters { body("ln_1." + $0, &$1) }
        attention.query.visitParameters { body("attn.q_proj." + $0, &$1) }
        attention.key.visitParameters { body("attn.k_proj." + $0, &$1) }
        attention.value.visitParameters { body("attn.v_proj." + $0, &$1) }
        attention.output.visitParameters { body("attn.c_proj." + $0, &$1) }
        layerNorm2.visitParameters { body("ln_2." + $0, &$1) }
        expand.visitParameters { body("mlp.c_fc." + $0, &$1) }
        contract.visitParameters { body("mlp.c_proj." + $0, &$1) }
    }

    /// Calls `body` on each of the block's linear layers with its GPT-2 name, in the order GPTQ
    /// quantizes them (`attn.q_proj`, `attn.k_proj`, `attn.v_proj`, `attn.c_proj`, `mlp.c_fc`, `mlp.c_proj`).
    public mutating func visitLinears(_ body: (String, inout Linear) -> Void) {
        body("attn.q_proj", &attention.query)
        body("attn.k_proj", &attention.key)
        body("attn.v_proj", &attention.value)
        body("attn.c_proj", &attention.output)
        body("mlp.c_fc", &expand)
        body("mlp.c_proj", &contract)
    }
}
