/// How the clipping range of a group of values is chosen before quantization.
///
/// Every method returns a range the quantizer then maps onto its codes. For a symmetric
/// quantizer it is [−t, t]; for an asymmetric one [lo, hi].
public enum Calibration: Sendable, Hashable {
    /// The observed extremes: no clipping, so no value is clamped.
    case minMax
    /// The p-th percentile of |x| (symmetric) or the (100 − p)-th and p-th percentiles
    /// (asymmetric), p in (0, 100]: clips the outer tail.
    case percentile(Double)
    /// The clip that minimizes the mean squared quantization error, by a grid search over
    /// fractions of the min-max range (`MSEClippingSearch`).
    case mse
    /// The threshold that minimizes the KL divergence between the histogram of |x| and its
    /// quantized version (NVIDIA TensorRT's entropy calibration, `KLDivergenceCalibration`).
    case kl

    /// The clipping range of `values` under this method.
    /// - Parameters:
    ///   - values: the group's values, all finite, at least one.
    ///   - symmetric: whether the range must be [−t, t].
    ///   - levels: quantization levels on one side of zero for KL (2^(b−1) for b-bit symmetric).
    ///   - error: the quantization error (e.g. MSE) a candidate range causes, for `.mse`.
    public func range(
        of values: [Float], symmetric: Bool, levels: Int, error: (ClippingRange) -> Double
    ) -> ClippingRange {
        let full = MinMax.range(of: values, symmetric: symmetric)
        switch self {
        case .minMax:
            return full
        case .percentile(let p):
            return PercentileCalibration(percentile: p).range(of: values, symmetric: symmetric)
        case .mse:
            return MSEClippingSearch().range(around: full, error: error)
        case .kl:
            let t = KLDivergenceCalibration(targetBins: levels).threshold(of: values)
            return symmetric
                ? ClippingRange(symmetric: t)
                : ClippingRange(lower: max(full.lower, -t), upper: min(full.upper, t))
        }
    }
}
