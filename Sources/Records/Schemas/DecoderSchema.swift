/// The record vocabulary of the `decoder` section: a character-level GPT trained here on the KJV
/// text, quantized after training (round-to-nearest, NF4, FP8, GPTQ, weight + activation
/// schemes), and the decode speed of one Llama-2-7B-shaped block on our GEMV kernels.
///
/// Per-chunk sums let the analysis form every metric and its bootstrap interval over the
/// held-out text chunks, and paired differences between variants on the same chunks. Only
/// `seconds` and the decode and probe times are timed.
///
/// | family | one record per | measurements |
/// |---|---|---|
/// | `training` | run (layers, hidden, heads, context, batch, books, checkpoint) | `parameters`, `steps`, `tokens_per_step`, `seconds`, `step_seconds`, `vocabulary`, `train_characters`, `held_out_characters` |
/// | `step-timing` | repeat (layers, hidden, heads, context, batch) | `seconds` |
/// | `curve` | step, checkpoint | `train_loss`, `validation_bpc`, `learning_rate`, `gradient_norm`, `seconds` |
/// | `variant` | variant | `model_bytes`, `bits_per_weight`, `seconds` |
/// | `chunk` | variant, chunk | `tokens`, `nll`, `kl`, `agree`, `correct` |
/// | `sample` | variant (`text` parameter) | `characters` |
/// | `decode` | format, repeat | `seconds`, `weight_bytes`, `cache_bytes` |
/// | `probe` | repeat | `seconds`, `bytes` |
public enum DecoderSchema: RecordSchema {
    /// The section id.
    public static let section = "decoder"
    /// Records name their family in `family`.
    public static let familyKey = Parameter.family

    /// The trial families (values of the `family` parameter).
    public enum Family: String, CaseIterable, Sendable {
        /// The FP32 training run.
        case training
        /// One timed training step of a fresh model of PyTorch's reference shape (width 192, 4 layers, 32 × 128).
        case stepTiming = "step-timing"
        /// One point of the training curve.
        case curve
        /// One quantized (or the FP32) model.
        case variant
        /// One model's sums over one held-out text chunk.
        case chunk
        /// A generated sample of one model.
        case sample
        /// One timed decode step of the 7B-shaped block in one format.
        case decode
        /// One timed pass of the read-bandwidth probe, interleaved with the decode steps.
        case probe
    }

    /// The parameter keys.
    public enum Parameter: String, ParameterKey {
        /// The trial family (`Family`).
        case family
        /// The model variant: `fp32`, `rtn-w4-g128`, `gptq-w3-g128-act`, `w8a8-token`, …
        case variant
        /// How weights were quantized: `fp32`, `rtn`, `nf4`, `fp8`, `gptq`.
        case method
        /// Weight code width in bits (32 for FP32).
        case bits
        /// Weight scales per output `channel` or per group of inputs (`g128`, `g64`, `g32`, `b64` for NF4).
        case granularity
        /// GPTQ's act-order (columns by decreasing Hessian diagonal).
        case actOrder = "act_order"
        /// Layer inputs: `fp32`, `int8-tensor` (static, calibrated) or `int8-token` (dynamic per token).
        case activations
        /// Whether the format has no arithmetic on this CPU and is computed by conversion (emulated).
        case emulated
        /// Index of a held-out text chunk, from 0.
        case chunk
        /// A training step, from 1 (`curve`).
        case step
        /// A generated sample's text (`sample`).
        case text
        /// The prompt of a generated sample.
        case prompt
        /// The decode format: `fp32`, `int8` (FP32 activations), `w8a8`, `w4a8`.
        case format
        /// Index of an interleaved timing repeat, from 0.
        case repeatIndex = "repeat"
        /// The decode block's shape: hidden width, MLP width, heads, context (`decode`).
        case hidden, intermediate, heads, context
        /// Whether the weights are random (synthetic) rather than trained.
        case synthetic
        /// Transformer blocks of the trained GPT (`training`; its width is `hidden`).
        case layers
        /// Sequences per training batch (`training`).
        case batch
        /// The held-out books, comma-separated (`training`).
        case books
        /// Whether the GPT was `trained` in this run or `loaded` from the checkpoint cache (`training`, `curve`).
        case checkpoint
    }

    /// The measurement keys.
    public enum Metric: String, MeasurementKey {
        /// Trainable parameters (a count).
        case parameters
        /// Optimizer steps.
        case steps
        /// Characters per training batch.
        case tokensPerStep = "tokens_per_step"
        /// Wall time, in `s` (timed).
        case seconds
        /// Median wall time of one training step, in `s` (timed).
        case stepSeconds = "step_seconds"
        /// Characters in the vocabulary.
        case vocabulary
        /// Characters of the training books.
        case trainCharacters = "train_characters"
        /// Characters of the held-out books.
        case heldOutCharacters = "held_out_characters"
        /// Mean cross-entropy of the training batches since the previous point, in nats.
        case trainLoss = "train_loss"
        /// Cross-entropy on held-out windows, in bits per character.
        case validationBPC = "validation_bpc"
        /// The step's learning rate.
        case learningRate = "learning_rate"
        /// The gradient norm before clipping at the step.
        case gradientNorm = "gradient_norm"
        /// Weights of the linear layers and their scales at this precision (embeddings FP32), in `bytes`.
        case modelBytes = "model_bytes"
        /// Bits per linear-layer weight, scales included.
        case bitsPerWeight = "bits_per_weight"
        /// Predicted characters in the chunk.
        case tokens
        /// Σ −ln p(next character), in nats.
        case nll
        /// Σ KL(P_fp32 ‖ P_variant) of the next-character distributions, in nats.
        case kl
        /// Characters whose most likely next character is the FP32 model's (a count).
        case agree
        /// Characters whose most likely next character is the true one (a count).
        case correct
        /// Characters in a generated sample.
        case characters
        /// Bytes of weights (and scales) read per decoded token.
        case weightBytes = "weight_bytes"
        /// Bytes of the KV cache read per decoded token.
        case cacheBytes = "cache_bytes"
        /// Bytes read by one probe pass.
        case bytes
    }
}
