public import NN
public import Tensor

/// The encoder variants whose speed the section and `quantlab-bench encoder` time, each on
/// oneDNN's real kernels (`BertEncoder.running(on:)`, `LinearEngine`): one definition, so the
/// bench measures exactly what the chapter's speed trial does.
///
/// ```
/// fp32   oneDNN sgemm on the FP32 weights
/// bf16   oneDNN's BF16 GEMM (AVX512-BF16): weights and inputs rounded to BF16, FP32 sums
/// w8a8   oneDNN's INT8 GEMM (VNNI): INT8 weights per output channel, inputs per token, dynamic
/// ```
/// Everything but the linear layers (attention scores, softmax, LayerNorm, GELU) is the same
/// FP32 code in all three.
public struct TimedEncoders: Sendable {
    /// One timed variant.
    public enum Variant: String, Sendable, CaseIterable {
        case fp32, bf16, w8a8

        /// The linear layers' kernel; `nil` is FP32 sgemm.
        public var engine: LinearEngine.Kind? {
            switch self {
            case .fp32: nil
            case .bf16: .bf16
            case .w8a8: .int8
            }
        }
    }

    /// The model of each variant, in `Variant.allCases` order.
    public let models: [Variant: BertEncoder]

    /// The three variants of `model` (FP32, unquantized), weights converted once.
    /// - Throws: `DNNLError` when oneDNN cannot create a primitive.
    public init(_ model: BertEncoder) throws {
        var models: [Variant: BertEncoder] = [:]
        for v in Variant.allCases { models[v] = try model.running(on: v.engine) }
        self.models = models
    }

    /// The unit-length embeddings of one batch, `[B, D]`.
    public func embed(_ variant: Variant, _ batch: TokenBatch) -> Tensor {
        models[variant]!.embed(batch)
    }

    /// The embeddings of `sequences` in length-bucketed batches of `batchSize`, `[N, D]`.
    public func embed(_ variant: Variant, _ sequences: [[Int]], batchSize: Int) -> Tensor {
        models[variant]!.embed(sequences, batchSize: batchSize)
    }

    /// Bytes of the variant's linear weights as its kernels store them.
    public func weightBytes(_ variant: Variant) -> Int {
        models[variant]!.linearWeightBytes(on: variant.engine)
    }
}
