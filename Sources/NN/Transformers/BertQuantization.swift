public import QuantCore

/// How to quantize the linear layers of a BERT encoder (embeddings and LayerNorms stay FP32):
/// the weight scheme, the activation scheme of every linear input, and SmoothQuant's α.
///
/// ```
/// weight-only   Ŵ = Q_W(W),  y = x·Ŵᵀ + b                          (activations FP32)
/// W8A8          y = Q_A(x)·Q_W(W)ᵀ + b
/// SmoothQuant   y = Q_A(x/s)·Q_W(W·diag s)ᵀ + b,  s_j = a_j^α / w_j^(1−α)
/// ```
/// Every rounding is QuantCore's; the products run in FP32 on the rounded values (what an
/// integer kernel computes, up to FP32 rounding of the sums), so these are emulations, exact in
/// their values, not timings.
public struct BertQuantization: Sendable, Hashable {
    /// The activation side of each linear layer.
    public enum Activations: Sendable, Hashable {
        /// FP32 inputs (weight-only quantization).
        case none
        /// Inputs rounded to a float format (BF16: scale 1).
        case float(FloatFormat)
        /// Symmetric INT8, one range per layer fixed by calibration.
        case perTensorStatic(Calibration)
        /// Symmetric INT8 over each call's own min-max.
        case perTensorDynamic
        /// Symmetric INT8 over each token's own min-max.
        case perTokenDynamic
        /// LLM.int8: columns with a value beyond the threshold kept FP32, the rest per-token INT8.
        case decomposed(threshold: Float)
    }

    /// The weight scheme; `nil` keeps FP32 weights.
    public var weights: QuantizationScheme?
    /// The activation scheme.
    public var activations: Activations
    /// SmoothQuant's migration strength α ∈ [0, 1], or `nil` for no smoothing.
    public var smoothing: Double?

    /// A scheme.
    public init(weights: QuantizationScheme?, activations: Activations = .none, smoothing: Double? = nil) {
        self.weights = weights
        self.activations = activations
        self.smoothing = smoothing
    }

    /// Whether this scheme needs calibration statistics (static ranges or smoothing factors).
    public var needsCalibration: Bool {
        if smoothing != nil { return true }
        if case .perTensorStatic = activations { return true }
        return false
    }

    /// INT8 per output channel, symmetric, min-max: the weight side of W8A8.
    public static let int8PerChannel = QuantizationScheme(target: .integer(bits: 8), granularity: .perChannel(axis: 0))
}

extension BertEncoder {
    /// The model under `scheme`: every linear layer's weight replaced by its quantize–dequantize,
    /// its input quantizer set.
    /// - Parameter statistics: the FP32 input statistics of every linear layer
    ///   (`linearInputStatistics`), needed when `scheme.needsCalibration`.
    /// - Throws: `QuantizationError` from QuantCore (a granularity that does not fit).
    /// - Precondition: statistics for every site when the scheme needs them.
    public func quantized(_ scheme: BertQuantization, statistics: [BertLinearSite: LinearInputStatistics] = [:]) throws -> BertEncoder {
        let int8 = AffineQuantizer(bits: 8, symmetric: true)
        var out = self
        try out.updateLinears { site, linear in
            let stats = statistics[site]
            precondition(!scheme.needsCalibration || stats != nil, "BertEncoder.quantized: no statistics for \(site)")
            // s = 1 without smoothing, so one path serves both.
            let factors: [Float]
            if let alpha = scheme.smoothing, let stats {
                let w = linear.weight.value
                var weightMax = [Float](repeating: 0, count: linear.inputs)
                for o in 0..<linear.outputs {
                    for j in 0..<linear.inputs { weightMax[j] = max(weightMax[j], abs(w.storage[o * linear.inputs + j])) }
                }
                factors = SmoothingQuantizer.factors(activationMax: stats.columnMax, weightMax: weightMax, alpha: alpha)
            } else {
                factors = [Float](repeating: 1, count: linear.inputs)
            }
            if let weights = scheme.weights {
                var scaled = linear.weight.value
                let n = linear.inputs
                for i in scaled.storage.indices { scaled.storage[i] *= factors[i % n] }
                var q = try weights.quantize(scaled).dequantized
                for i in q.storage.indices { q.storage[i] /= factors[i % n] }
                linear.weight.value = q
            }
            let inner: CalibratedQuantizer?
            switch scheme.activations {
            case .none:
                inner = nil
            case .float(let format):
                inner = CalibratedQuantizer(.float(format, scale: 1))
            case .perTensorStatic(let calibration):
                let stats = stats!
                let range: ClippingRange
                if scheme.smoothing != nil {
                    // The smoothed input's extreme is max_j a_j / s_j (min-max on X/s).
                    range = ClippingRange(symmetric: zip(stats.columnMax, factors).map { $0 / $1 }.max() ?? 0)
                } else if calibration == .minMax {
                    // The true extremes, not the sample's: one outlier column decides the range.
                    range = ClippingRange(lower: stats.lower, upper: stats.upper)
                } else {
                    range = calibration.range(of: stats.sample, symmetric: true, levels: 128) { candidate in
                        let p = int8.parameters(for: candidate)
                        let values = int8.quantize(stats.sample, p).map { int8.dequantize($0, p) }
                        return zip(stats.sample, values).reduce(0.0) { $0 + Double(($1.0 - $1.1) * ($1.0 - $1.1)) } / Double(max(stats.sample.count, 1))
                    }
                }
                inner = CalibratedQuantizer(.integer(int8, int8.parameters(for: range)))
            case .perTensorDynamic:
                inner = CalibratedQuantizer(.dynamicInteger(int8))
            case .perTokenDynamic:
                inner = CalibratedQuantizer(.dynamicIntegerPerRow(int8))
            case .decomposed(let threshold):
                linear.inputQuantizer = OutlierDecompositionQuantizer(threshold: threshold)
                return
            }
            if let inner {
                linear.inputQuantizer = scheme.smoothing == nil ? inner : SmoothingQuantizer(factors: factors, inner: inner)
            }
        }
        return out
    }
}
