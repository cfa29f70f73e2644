public import Tensor

/// A GPT-2-style causal language model: token and learned position embeddings, pre-LayerNorm
/// blocks (`GPTBlock`), a final LayerNorm, and logits from the token embedding (tied output).
/// ```
/// x₀ = E[tokens] + P[positions]        E: [V, D], P: [T_max, D]
/// x_ℓ = Block_ℓ(x_{ℓ−1}),  ℓ = 1 … L
/// logits = LN_f(x_L) · Eᵀ              [B·T, V]
/// backward of the tied output:  ∂E += ∂logitsᵀ · LN_f(x_L),  ∂LN_f(x_L) = ∂logits · E
/// ```
/// Parameter names are GPT-2's (`transformer.wte.weight`, `transformer.wpe.weight`,
/// `transformer.h.0.ln_1.weight`, …, `transformer.ln_f.bias`; see `GPTBlock` for the attention's
/// names); the tied output has no tensor of its own, as in Hugging Face's checkpoints.
///
/// Not a `Layer`: its input is token ids. `forward` and `backward` take a batch of B sequences
/// of T tokens each, laid out sequence after sequence.
public struct GPT: Sendable {
    /// E, `[vocabulary, D]`.
    public var tokenEmbedding: Embedding
    /// P, `[context, D]`.
    public var positionEmbedding: Embedding
    /// The blocks, in order.
    public var blocks: [GPTBlock]
    /// LN_f.
    public var finalNorm: LayerNorm
    /// LN_f(x_L) of the latest `forward`, `[B·T, D]`.
    private var cache: Tensor?

    /// A model initialised as GPT-2 (embeddings N(0, 0.02²); see `GPTBlock`), drawn from `rng`
    /// in the order token embedding, position embedding, blocks.
    /// - Precondition: `heads` divides `dimension`.
    public init(vocabulary: Int, context: Int, dimension: Int, heads: Int, layers: Int,
                using rng: inout some RandomNumberGenerator) {
        tokenEmbedding = Embedding(count: vocabulary, dimension: dimension, using: &rng)
        positionEmbedding = Embedding(count: context, dimension: dimension, using: &rng)
        blocks = (0..<layers).map { _ in GPTBlock(dimension: dimension, heads: heads, depth: layers, using: &rng) }
        finalNorm = LayerNorm(features: dimension)
    }

    /// V.
    public var vocabulary: Int { tokenEmbedding.count }
    /// The longest sequence, T_max.
    public var context: Int { positionEmbedding.count }
    /// D.
    public var dimension: Int { tokenEmbedding.dimension }

    /// Logits `[B·T, V]` of `tokens` (B·T ids, B sequences of `length`), caching what `backward` needs.
    /// - Precondition: `length ≤ context`, `tokens.count` a multiple of `length`, every id < V.
    public mutating func forward(_ tokens: [Int], length: Int) -> Tensor {
        var x = embed(tokens, length: length, training: true)
        for i in blocks.indices { x = blocks[i].forward(x) }
        let normed = finalNorm.forward(x).reshaped([tokens.count, dimension])
        cache = normed
        return MatrixProduct.product(normed, tokenEmbedding.weight.value, transposeB: true)
    }

    /// Adds every parameter's gradient from ∂L/∂logits of the latest `forward`.
    public mutating func backward(_ logitGradient: Tensor) {
        guard let normed = cache else { preconditionFailure("GPT.backward before forward") }
        precondition(logitGradient.shape == [normed.shape[0], vocabulary], "GPT.backward: gradient \(logitGradient.shape)")
        tokenEmbedding.weight.accumulateGradient(MatrixProduct.product(logitGradient, normed, transposeA: true).storage)
        let batch = normed.shape[0] / positionLength
        var dx = finalNorm.backward(MatrixProduct.product(logitGradient, tokenEmbedding.weight.value).reshaped([batch, positionLength, dimension]))
        for i in blocks.indices.reversed() { dx = blocks[i].backward(dx) }
        let flat = dx.reshaped([normed.shape[0], dimension])
        tokenEmbedding.backward(flat)
        positionEmbedding.backward(flat)
    }

    /// Inference logits `[B·T, V]`: no cache.
    public func logits(_ tokens: [Int], length: Int) -> Tensor {
        var copy = self
        var x = copy.embed(tokens, length: length, training: false)
        for block in blocks { x = block(x) }
        return MatrixProduct.product(finalNorm(x).reshaped([tokens.count, dimension]), tokenEmbedding.weight.value, transposeB: true)
    }

    /// T of the latest `forward` (for backward's reshapes).
    private var positionLength = 0

    /// x₀ = E[tokens] + P[positions], `[B, T, D]`.
    private mutating func embed(_ tokens: [Int], length: Int, training: Bool) -> Tensor {
        precondition(length > 0 && length <= context && tokens.count % length == 0,
                     "GPT: \(tokens.count) tokens in sequences of \(length) (context \(context))")
        let positions = (0..<tokens.count).map { $0 % length }
        let sum = training
            ? residualSum(tokenEmbedding.forward(tokens), positionEmbedding.forward(positions))
            : residualSum(tokenEmbedding(tokens), positionEmbedding(positions))
        if training { positionLength = length }
        return sum.reshaped([tokens.count / length, length, dimension])
    }

    /// Calls `body` on every parameter with its GPT-2 name, in a fixed order.
    public mutating func visitParameters(_ body: (String, inout Parameter) -> Void) {
        tokenEmbedding.visitParameters { body("transformer.wte." + $0, &$1) }
        positionEmbedding.visitParameters { body("transformer.wpe." + $0, &$1) }
        for i in blocks.indices { blocks[i].visitParameters { body("transformer.h.\(i)." + $0, &$1) } }
        finalNorm.visitParameters { body("transformer.ln_f." + $0, &$1) }
    }

    /// Calls `body` on every linear layer with its GPT-2 name (`transformer.h.0.attn.q_proj`), block by block.
    public mutating func visitLinears(_ body: (String, inout Linear) -> Void) {
        for i in blocks.indices { blocks[i].visitLinears { body("transformer.h.\(i)." + $0, &$1) } }
    }

    /// Sets every parameter's gradient to zero.
    public mutating func zeroGradients() {
        visitParameters { _, p in p.zeroGradient() }
    }
}
