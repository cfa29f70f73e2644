import QuantCore
public import Tensor

/// LLM.int8's mixed-precision decomposition of a layer's input (Dettmers et al. 2022,
/// "LLM.int8(): 8-bit Matrix Multiplication for Transformers at Scale"):
///
/// ```
/// O = { j : max_t |x[t, j]| > threshold }          outlier feature columns of this input (6 in the paper)
/// x̂[t, j] = x[t, j]                                 j ∈ O: kept in full precision
/// x̂[t, j] = s_t · round(x[t, j] / s_t)              j ∉ O: per-token symmetric INT8,
///                                                   s_t = max_{j∉O} |x[t, j]| / 127
/// ```
/// The product `x̂ · Ŵᵀ` then equals the paper's sum of an FP product over the outlier columns
/// and an INT8 product over the rest. Here the weight is quantized by the layer's own weight
/// quantizer over all its columns (per output channel), where the paper leaves the outlier
/// columns of W in FP16 too: a small simplification, on the weight side only.
/// `keptColumns(_:)` tells which columns a given input keeps (the share the chapter reports).
public struct OutlierDecompositionQuantizer: FakeQuantizer {
    /// The magnitude above which a column is kept in full precision.
    public let threshold: Float
    /// The INT8 grid of the other columns.
    private let quantizer = AffineQuantizer(bits: 8, symmetric: true)

    /// A decomposition at `threshold` (LLM.int8: 6).
    public init(threshold: Float = 6) {
        self.threshold = threshold
    }

    /// 8.
    public var bits: Int { 8 }
    /// `llm.int8`.
    public var method: String { "llm.int8" }

    /// The columns of a `[tokens, features]` input that hold a value beyond the threshold.
    public func keptColumns(_ input: Tensor) -> [Bool] {
        let width = input.shape.last ?? 1
        var kept = [Bool](repeating: false, count: width)
        for (i, v) in input.storage.enumerated() where abs(v) > threshold { kept[i % width] = true }
        return kept
    }

    public mutating func forward(_ input: Tensor) -> Tensor { self(input) }

    public mutating func backward(_ outputGradient: Tensor) -> Tensor { outputGradient }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        let width = input.shape.last ?? 1
        let kept = keptColumns(input)
        var out = input.storage
        for start in stride(from: 0, to: input.count, by: max(width, 1)) {
            var t: Float = 0
            for j in 0..<width where !kept[j] { t = max(t, abs(input.storage[start + j])) }
            let p = quantizer.parameters(for: ClippingRange(symmetric: t))
            for j in 0..<width where !kept[j] {
                out[start + j] = quantizer.dequantize(quantizer.quantize(input.storage[start + j], p), p)
            }
        }
        return Tensor(shape: input.shape, storage: out)
    }

    /// No parameters.
    public mutating func visitParameters(_ body: (String, inout Parameter) -> Void) {}
}
