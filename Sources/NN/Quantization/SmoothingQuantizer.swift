import Foundation
public import Tensor

/// SmoothQuant's migration of activation outliers into the weights (Xiao et al. 2023,
/// "SmoothQuant: Accurate and Efficient Post-Training Quantization for Large Language Models"),
/// as the input side of a layer:
///
/// ```
/// s_j = max|X_j|^α / max|W_j|^(1−α)        per input feature j, from calibration (α ∈ [0, 1])
/// X' = X · diag(s)⁻¹,   W' = W · diag(s)    so that X'·W'ᵀ = X·Wᵀ exactly
/// x̂ = Q(x / s) ⊙ s                          this quantizer: Q on the smoothed input, then undone
/// ```
/// The layer's weight must hold `Q_W(W · diag(s)) · diag(s)⁻¹` (see
/// `BertEncoder.smoothed`), so that `x̂ · Ŵᵀ = Q(X') · Q_W(W')ᵀ`, the smoothed integer product,
/// up to FP32 rounding. In a deployed model `diag(s)⁻¹` is folded into the preceding LayerNorm or
/// linear layer; emulating it here changes no quantized value.
public struct SmoothingQuantizer: FakeQuantizer {
    /// s, one factor per input feature.
    public let factors: [Float]
    /// The quantizer of the smoothed input.
    public let inner: CalibratedQuantizer

    /// Smoothing by `factors`, then `inner`.
    /// - Precondition: every factor is positive and finite.
    public init(factors: [Float], inner: CalibratedQuantizer) {
        precondition(factors.allSatisfy { $0 > 0 && $0.isFinite }, "SmoothingQuantizer: factors must be positive and finite")
        self.factors = factors
        self.inner = inner
    }

    /// The factors for one layer: `s_j = a_j^α / w_j^(1−α)`, with `a_j = max|X_j|` and
    /// `w_j = max|W_j|`; a feature with a zero maximum on either side gets s = 1.
    public static func factors(activationMax a: [Float], weightMax w: [Float], alpha: Double) -> [Float] {
        precondition(a.count == w.count, "SmoothingQuantizer: \(a.count) activation and \(w.count) weight maxima")
        return zip(a, w).map { aj, wj in
            guard aj > 0, wj > 0 else { return 1 }
            let s = Float(pow(Double(aj), alpha) / pow(Double(wj), 1 - alpha))
            return s.isFinite && s > 0 ? s : 1
        }
    }

    /// The inner quantizer's bits.
    public var bits: Int { inner.bits }
    /// `smoothquant`.
    public var method: String { "smoothquant" }

    public mutating func forward(_ input: Tensor) -> Tensor { self(input) }

    public mutating func backward(_ outputGradient: Tensor) -> Tensor { outputGradient }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        let width = factors.count
        precondition(input.shape.last == width, "SmoothingQuantizer: input \(input.shape) for \(width) factors")
        var x = input
        x.storage.withUnsafeMutableBufferPointer { p in
            for i in p.indices { p[i] /= factors[i % width] }
        }
        var y = inner(x)
        y.storage.withUnsafeMutableBufferPointer { p in
            for i in p.indices { p[i] *= factors[i % width] }
        }
        return y
    }

    /// No parameters.
    public mutating func visitParameters(_ body: (String, inout Parameter) -> Void) {}
}
