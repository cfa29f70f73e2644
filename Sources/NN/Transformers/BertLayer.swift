public import Tensor

/// One BERT encoder layer (Devlin et al. 2019), post-LayerNorm:
///
/// ```
/// h = LN₁(x + MHA(x, mask))                       x: [B, T, D]
/// u = GELU(h·W₁ᵀ + b₁)                            u: [B·T, 4D], the FFN intermediate
/// y = LN₂(h + u·W₂ᵀ + b₂)
/// ```
/// The four attention projections and the two FFN matrices are `Linear` layers, so each takes
/// its own weight and input quantizers; nothing here quantizes.
public struct BertLayer: Sendable {
    /// Self-attention with BERT's padding mask.
    public var attention: MultiHeadAttention
    /// LN₁, after the attention's residual.
    public var attentionNorm: LayerNorm
    /// W₁, b₁: D → 4D.
    public var intermediate: Linear
    /// W₂, b₂: 4D → D.
    public var output: Linear
    /// LN₂, after the FFN's residual.
    public var outputNorm: LayerNorm

    /// A layer from its parts.
    public init(attention: MultiHeadAttention, attentionNorm: LayerNorm, intermediate: Linear, output: Linear, outputNorm: LayerNorm) {
        self.attention = attention
        self.attentionNorm = attentionNorm
        self.intermediate = intermediate
        self.output = output
        self.outputNorm = outputNorm
    }

    /// The layer's output for `x` (`[B, T, D]`) under `keyMask` (B·T flags); `observe` sees the
    /// FFN intermediate `u` (`[B·T, 4D]`, after GELU) and the output `y` (`[B·T, D]`).
    public func callAsFunction(_ x: Tensor, keyMask: [Bool], observe: ((BertSite, Tensor) -> Void)? = nil) -> Tensor {
        let (b, t, d) = (x.shape[0], x.shape[1], x.shape[2])
        let h = attentionNorm(Self.sum(x, attention(x, keyMask: keyMask))).reshaped([b * t, d])
        let u = GELU()(intermediate(h))
        observe?(.intermediate, u)
        let y = outputNorm(Self.sum(h, output(u)))
        observe?(.output, y)
        return y.reshaped([b, t, d])
    }

    /// a + b element-wise (shapes of equal count; the result has `a`'s shape).
    static func sum(_ a: Tensor, _ b: Tensor) -> Tensor {
        precondition(a.count == b.count, "BertLayer: residual of \(a.count) and \(b.count) elements")
        var out = a
        out.storage.withUnsafeMutableBufferPointer { o in
            b.storage.withUnsafeBufferPointer { q in
                for i in o.indices { o[i] += q[i] }
            }
        }
        return out
    }
}

/// Where in a layer an activation was observed.
public enum BertSite: String, Sendable, Hashable, CaseIterable {
    /// The FFN intermediate after GELU, `[B·T, 4D]`: the input of the FFN's second matrix.
    case intermediate
    /// The layer's output after LN₂, `[B·T, D]`: the next layer's input.
    case output
}
