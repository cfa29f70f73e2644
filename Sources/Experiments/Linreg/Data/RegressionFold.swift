public import Datasets
public import Tensor

/// One train/test split of a real regression table, standardised as the chapter needs:
/// features by a `Standardizer` fitted on the training rows only, and the target likewise
/// (so that models and learning rates see values of order one; errors are reported back in
/// the target's own units through `targetScale`).
public struct RegressionFold: Sendable {
    /// Standardised training features.
    public let trainX: Matrix64
    /// Standardised training targets.
    public let trainY: [Double]
    /// Test features, standardised with the training statistics.
    public let testX: Matrix64
    /// Test targets, standardised with the training statistics.
    public let testY: [Double]
    /// σ of the training target: multiply a standardised error by it for target units.
    public let targetScale: Double

    /// The fold `split` of `data`.
    public init(_ data: RegressionData, split: TrainTestSplit) {
        let train = data.subset(split.train), test = data.subset(split.test)
        let features = Standardizer(fitting: train.features)
        let target = Standardizer(fitting: Matrix64(rows: train.count, cols: 1, storage: train.targets))
        func standardise(_ y: [Double]) -> [Double] { y.map { ($0 - target.mean[0]) / target.std[0] } }
        trainX = features.transform(train.features)
        trainY = standardise(train.targets)
        testX = features.transform(test.features)
        testY = standardise(test.targets)
        targetScale = target.std[0]
    }
}
