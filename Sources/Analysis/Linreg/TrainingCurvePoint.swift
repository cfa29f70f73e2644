/// One epoch of a QAT training curve (the `qat-epoch` family): MSE on standardised targets.
public struct TrainingCurvePoint: Sendable, Hashable {
    /// The dataset, e.g. `autompg`.
    public let dataset: String
    /// `qat-ste` or `qat-lsq`.
    public let method: String
    /// What is quantized, as in `BitsErrorPoint`.
    public let targets: String
    /// The code width.
    public let bits: Int
    /// The epoch, 0 for the calibrated start.
    public let epoch: Int
    /// Mean batch MSE on the fitting part (epoch 0: the start's MSE on it).
    public let trainLoss: Double
    /// MSE on the validation part.
    public let validationLoss: Double
    /// Adam's learning rate in the epoch.
    public let learningRate: Double
}
