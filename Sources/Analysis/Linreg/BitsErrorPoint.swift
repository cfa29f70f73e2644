/// Test error of one quantization method at one bit width on one dataset (the `qat` family),
/// as its `PairedChange` against the FP64 fit.
public struct BitsErrorPoint: Sendable, Hashable {
    /// The dataset, e.g. `autompg`.
    public let dataset: String
    /// `ptq`, `qat-ste`, `qat-lsq`.
    public let method: String
    /// `weights`, `weights+inputs` or `weights+inputs-per-feature`.
    public let targets: String
    /// The code width of weights (and inputs).
    public let bits: Int
    /// The change of test RMSE against the FP64 fit, paired by fold.
    public let change: PairedChange
    /// With quantized inputs: the change of the same models with their inputs clipped to the
    /// input quantizer's range but not rounded; `nil` without quantized inputs.
    public let clipOnlyChange: PairedChange?
    /// With quantized inputs: the median share of test inputs outside the quantizer's range.
    public let medianClipFraction: Double?
    /// Median of the kept epoch over folds and seeds (0 for PTQ).
    public let medianBestEpoch: Double
    /// Trials behind the point.
    public let count: Int
}
