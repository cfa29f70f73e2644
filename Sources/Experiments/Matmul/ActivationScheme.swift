public import QuantCore

/// How the activation side A of an INT8 product is quantized when A has outliers; B (the
/// weights) always takes one scale per column. Every scheme runs on oneDNN's s8·s8→s32 kernel.
///
/// ```
/// per-tensor, dynamic:  one scale for A from max|A| of this call
/// per-token, dynamic:   one scale per row of A (a token), from this call
/// static (calibrated):  one scale for A fixed beforehand from a calibration batch by min-max,
///                       a percentile of |x|, MSE or KL (QuantCore's `Calibration`); clipped
/// LLM.int8:             columns of A with any |x| > τ, and the matching rows of B, multiplied in
///                       FP32; the rest per token × per channel in INT8 (Dettmers et al. 2022)
/// SmoothQuant:          sⱼ = max|A:ⱼ|^α / max|Bⱼ:|^(1−α);  A·B = (A·diag(s)⁻¹)·(diag(s)·B),
///                       then per token × per channel (Xiao et al. 2023)
/// ```
public enum ActivationScheme: Sendable, Hashable {
    /// One dynamic scale for A.
    case perTensor
    /// One dynamic scale per row of A.
    case perToken
    /// One static scale for A from a calibration batch.
    case calibrated(Calibration)
    /// Outlier columns above the threshold in FP32, the rest per token.
    case llmInt8(threshold: Float)
    /// Difficulty migrated from A to B with strength α, then per token.
    case smoothQuant(alpha: Double)

    /// The name stored in records (`scheme`), e.g. `static-mse`, `smoothquant`.
    public var name: String {
        switch self {
        case .perTensor: "per-tensor"
        case .perToken: "per-token"
        case .calibrated(let method):
            switch method {
            case .minMax: "static-minmax"
            case .percentile: "static-percentile"
            case .mse: "static-mse"
            case .kl: "static-kl"
            }
        case .llmInt8: "llm-int8"
        case .smoothQuant: "smoothquant"
        }
    }
}
