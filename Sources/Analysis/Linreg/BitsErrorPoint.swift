/// Test error of one quantization method at one bit width on one dataset, over folds and seeds.
public struct BitsErrorPoint: Sendable, Hashable {
    /// The dataset, e.g. `autompg`.
    public let dataset: String
    /// `ptq`, `qat-ste`, `qat-lsq`.
    public let method: String
    /// `weights` or `weights+inputs`.
    public let targets: String
    /// The code width of weights (and inputs).
    public let bits: Int
    /// Median test RMSE (target units).
    public let medianRMSE: Double
    /// Median of RMSE / RMSE(FP32) per fold, with its 95 % bootstrap interval: 1 is lossless.
    public let relativeToFP32: ConfidenceInterval
    /// Trials behind the point.
    public let count: Int
}
