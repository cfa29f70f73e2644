public import Records
public import Runner

/// What the `linreg` section runs, per profile: sizes, grids, repeats and training settings.
public struct LinregParameters: Codable, Sendable, Equatable {
    // MARK: Fitting arithmetic on synthetic data
    /// Training and test rows of each synthetic problem.
    public var syntheticTrain: Int
    /// Test rows of each synthetic problem.
    public var syntheticTest: Int
    /// Features d of the synthetic problems.
    public var syntheticFeatures: Int
    /// Standard deviation of the additive noise on y.
    public var noise: Double
    /// Condition numbers κ of X.
    public var kappas: [Double]
    /// Arithmetics compared (raw values of `FittingArithmetic`).
    public var arithmetics: [String]
    /// Full-batch gradient-descent steps (a fixed budget for every arithmetic).
    public var gradientDescentIterations: Int
    /// Synthetic problems drawn per κ.
    public var syntheticSeeds: Int
    /// Steps of iterative refinement (FP32 residuals) after the 16-bit QR solution.
    public var refinementSteps: Int

    // MARK: Real data (PTQ of weights, quantized inputs, QAT)
    /// Datasets: `diabetes`, `autompg`.
    public var datasets: [String]
    /// k of the k-fold splits.
    public var folds: Int
    /// Independent k-fold partitions per dataset.
    public var repeats: Int
    /// Integer widths for weight PTQ and quantized inputs.
    public var bits: [Int]
    /// Percentile p of the percentile calibration.
    public var percentile: Double
    /// Rows per batch of dynamic input quantization.
    public var dynamicBatchSize: Int

    // MARK: QAT
    /// Bit widths of QAT (and its PTQ baseline).
    public var qatBits: [Int]
    /// Training seeds per fold.
    public var qatSeeds: Int
    /// Fine-tuning epochs.
    public var qatEpochs: Int
    /// Mini-batch size of fine-tuning.
    public var qatBatchSize: Int
    /// Adam's initial learning rate on standardised data; a cosine schedule takes it to 0 over
    /// the epochs.
    public var qatLearningRate: Double
    /// The share of each fold's training rows held out to choose the QAT iterate (validation).
    public var qatValidationFraction: Double

    /// Parameters with every field given.
    public init(
        syntheticTrain: Int, syntheticTest: Int, syntheticFeatures: Int, noise: Double, kappas: [Double],
        arithmetics: [String], gradientDescentIterations: Int, syntheticSeeds: Int, refinementSteps: Int,
        datasets: [String], folds: Int, repeats: Int, bits: [Int], percentile: Double, dynamicBatchSize: Int,
        qatBits: [Int], qatSeeds: Int, qatEpochs: Int, qatBatchSize: Int, qatLearningRate: Double,
        qatValidationFraction: Double
    ) {
        self.syntheticTrain = syntheticTrain
        self.syntheticTest = syntheticTest
        self.syntheticFeatures = syntheticFeatures
        self.noise = noise
        self.kappas = kappas
        self.arithmetics = arithmetics
        self.gradientDescentIterations = gradientDescentIterations
        self.syntheticSeeds = syntheticSeeds
        self.refinementSteps = refinementSteps
        self.datasets = datasets
        self.folds = folds
        self.repeats = repeats
        self.bits = bits
        self.percentile = percentile
        self.dynamicBatchSize = dynamicBatchSize
        self.qatBits = qatBits
        self.qatSeeds = qatSeeds
        self.qatEpochs = qatEpochs
        self.qatBatchSize = qatBatchSize
        self.qatLearningRate = qatLearningRate
        self.qatValidationFraction = qatValidationFraction
    }

    /// A few seconds' worth in a debug build, for tests: every family, tiny grids.
    public static let tiny = LinregParameters(
        syntheticTrain: 48, syntheticTest: 48, syntheticFeatures: 4, noise: 0.01, kappas: [1, 1e4],
        arithmetics: FittingArithmetic.allCases.map(\.rawValue), gradientDescentIterations: 10, syntheticSeeds: 1,
        refinementSteps: 3, datasets: ["diabetes", "autompg"], folds: 2, repeats: 1, bits: [8, 2], percentile: 99,
        dynamicBatchSize: 32, qatBits: [3], qatSeeds: 1, qatEpochs: 1, qatBatchSize: 64, qatLearningRate: 0.01,
        qatValidationFraction: 0.2)
}

extension LinregParameters: SectionParameters {
    /// The parameters of `profile`.
    public init(profile: Profile) {
        switch profile {
        case .quick:
            self.init(
                syntheticTrain: 128, syntheticTest: 128, syntheticFeatures: 8, noise: 0.01,
                kappas: [1, 1e2, 1e4, 1e6], arithmetics: FittingArithmetic.allCases.map(\.rawValue),
                gradientDescentIterations: 100, syntheticSeeds: 2, refinementSteps: 10, datasets: ["diabetes", "autompg"],
                folds: 5, repeats: 1, bits: [8, 4, 3, 2], percentile: 99, dynamicBatchSize: 32,
                qatBits: [2, 3, 4], qatSeeds: 1, qatEpochs: 20, qatBatchSize: 32, qatLearningRate: 0.01,
                qatValidationFraction: 0.2)
        case .full:
            self.init(
                syntheticTrain: 512, syntheticTest: 512, syntheticFeatures: 16, noise: 0.01,
                kappas: [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6], arithmetics: FittingArithmetic.allCases.map(\.rawValue),
                gradientDescentIterations: 500, syntheticSeeds: 3, refinementSteps: 10, datasets: ["diabetes", "autompg"],
                folds: 5, repeats: 4, bits: [8, 4, 3, 2], percentile: 99, dynamicBatchSize: 32,
                qatBits: [2, 3, 4], qatSeeds: 3, qatEpochs: 60, qatBatchSize: 32, qatLearningRate: 0.01,
                qatValidationFraction: 0.2)
        }
    }
}
