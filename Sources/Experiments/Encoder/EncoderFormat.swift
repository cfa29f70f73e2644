public import NN
import QuantCore

/// The precisions `quantlab embed --format` offers for all-MiniLM-L6-v2, each a
/// `BertQuantization` of the linear layers (embeddings and LayerNorms stay FP32):
///
/// ```
/// fp32   the reference
/// bf16   weights and linear inputs rounded to BF16 (round to nearest even), FP32 sums
/// int8   weight-only INT8, symmetric, one scale per output channel
/// w8a8   INT8 weights per output channel and INT8 inputs per token (dynamic, symmetric)
/// int4   weight-only INT4, symmetric, groups of 128 along the input axis
/// nf4    weight-only NF4, absmax blocks of 64 (QLoRA)
/// ```
/// None needs calibration data, so a user's own texts are embedded as they are.
public enum EncoderFormat: String, Sendable, CaseIterable {
    case fp32, bf16, int8, w8a8, int4, nf4

    /// The quantization of the linear layers.
    public var quantization: BertQuantization? {
        switch self {
        case .fp32: nil
        case .bf16: BertQuantization(weights: QuantizationScheme(target: .float(.bf16)), activations: .float(.bf16))
        case .int8: BertQuantization(weights: BertQuantization.int8PerChannel)
        case .w8a8: BertQuantization(weights: BertQuantization.int8PerChannel, activations: .perTokenDynamic)
        case .int4: BertQuantization(weights: QuantizationScheme(target: .integer(bits: 4), granularity: .perGroup(axis: -1, size: 128)))
        case .nf4: BertQuantization(weights: .nf4(blockSize: 64))
        }
    }
}
