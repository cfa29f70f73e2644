public import QuantCore

/// The arithmetic a least-squares fit is computed in: the precision values are stored in and
/// the precision sums are accumulated in.
///
/// FP64 and FP32 are the CPU's own. FP16 and BF16 have no arithmetic on this CPU (DESIGN.md),
/// so they are emulated: every operation is computed in FP32 and its result rounded to the
/// format with QuantCore's `FloatFormat.rounded` (nearest, ties to even, saturating at ±max).
/// Computing in FP32 and rounding once is the correctly rounded FP16/BF16 result for +, −, ×,
/// ÷ and √, because FP32's 24 significant bits are at least 2p + 2 for FP16's p = 11 and BF16's
/// p = 8 (Figueroa, "When is double rounding innocuous?", 1995). Saturation stands in for
/// overflow to ∞, which the fits here do not reach unless they have already failed.
///
/// The `…-acc32` variants keep running sums in FP32 and round to the format only what is
/// stored (the Gram matrix, residuals, gradients, weights, factors): mixed precision as
/// GPU tensor cores do it.
public enum FittingArithmetic: String, Codable, CaseIterable, Sendable {
    case fp64
    case fp32
    case bf16
    case fp16
    case bf16Accumulate32 = "bf16-acc32"
    case fp16Accumulate32 = "fp16-acc32"

    /// The format values are stored in; `nil` for FP64 and FP32, which need no rounding.
    public var storageFormat: FloatFormat? {
        switch self {
        case .fp64, .fp32: nil
        case .bf16, .bf16Accumulate32: .bf16
        case .fp16, .fp16Accumulate32: .fp16
        }
    }

    /// The format sums are accumulated in; `nil` when no rounding is needed (FP64, FP32, or
    /// FP32 accumulation).
    public var accumulatorFormat: FloatFormat? {
        switch self {
        case .bf16: .bf16
        case .fp16: .fp16
        default: nil
        }
    }

    /// Whether the arithmetic is emulated by rounding (no native instructions on this CPU).
    public var isEmulated: Bool { storageFormat != nil }
}
