/// The configuration with the lowest median test RMSE at one bit width on one dataset.
public struct BestConfiguration: Sendable, Hashable {
    /// The dataset, e.g. `diabetes`.
    public let dataset: String
    /// The code width.
    public let bits: Int
    /// E.g. `ptq int4 asymmetric`, `ptq nf4`, `qat-lsq`.
    public let configuration: String
    /// Its median test RMSE (target units) with the 95 % bootstrap interval.
    public let rmse: ConfidenceInterval
    /// The median test RMSE of the unquantized FP64 fit on the same folds.
    public let baselineRMSE: Double
    /// The target's unit (`mpg`, or empty).
    public let unit: String
}
