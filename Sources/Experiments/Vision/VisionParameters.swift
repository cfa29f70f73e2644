public import Records
public import Runner

/// What a profile fixes for the `vision` section: training, the PTQ grid and the sensitivity
/// sweep. The quick profile trains one seed for one epoch on the same data and runs the same
/// grid, so it takes the same code path in seconds.
public struct VisionParameters: SectionParameters, Equatable {
    /// Training seeds (each a training run with its own initialisation and batch order).
    public var seeds: Int
    /// Epochs of FP32 training per seed.
    public var epochs: Int
    /// Images per training batch.
    public var batchSize: Int
    /// Adam's initial learning rate; a cosine schedule takes it to 0 over the epochs.
    public var learningRate: Float
    /// Share of each digit held out for testing (MNIST-5k: 100 of 500 per digit).
    public var testFraction: Double
    /// Share of each digit of the training part held out for validation and calibration.
    public var validationFraction: Double
    /// Validation images whose activations calibrate the static ranges.
    public var calibrationImages: Int
    /// Integer weight widths of the PTQ grid, in bits.
    public var weightBits: [Int]
    /// Integer activation widths of the PTQ grid, in bits.
    public var activationBits: [Int]
    /// Activation calibrations: `minmax`, `percentile`, `mse`, `kl`, `dynamic`.
    public var calibrations: [String]
    /// The percentile of the `percentile` calibration (of |x|), in percent.
    public var percentile: Double
    /// Float formats applied to weights and activations: `fp16`, `bf16`, `fp8-e4m3`, `fp8-e5m2`.
    public var floatFormats: [String]
    /// Weight widths of the one-layer sensitivity sweep, in bits.
    public var sensitivityWeightBits: [Int]
    /// Activation widths of the one-layer sensitivity sweep, in bits.
    public var sensitivityActivationBits: [Int]
    /// Bins of the weight histograms of the first and last layers.
    public var histogramBins: Int
    /// Epochs of FP32 training of the 8×8 digits MLP per seed.
    public var mlpEpochs: Int
    /// QAT settings as [weight bits, activation bits].
    public var qatBits: [[Int]]
    /// Epochs of QAT fine-tuning per setting.
    public var qatEpochs: Int
    /// Adam's initial learning rate for QAT (cosine to 0).
    public var qatLearningRate: Float
    /// Batch sizes at which the oneDNN engines are timed.
    public var engineBatches: [Int]
    /// Interleaved timing repeats of each engine at each batch size.
    public var engineRepeats: Int
    /// Images each timed repeat classifies (test images, cycled).
    public var engineImages: Int

    /// The parameters of `profile`.
    public init(profile: Profile) {
        seeds = profile == .full ? 3 : 1
        epochs = profile == .full ? 12 : 1
        batchSize = 64
        learningRate = 2e-3
        testFraction = 0.2
        validationFraction = 0.1
        calibrationImages = 256
        weightBits = [8, 6, 4, 3, 2]
        activationBits = [8, 4]
        calibrations = ["minmax", "percentile", "mse", "kl", "dynamic"]
        percentile = 99.99
        floatFormats = ["fp16", "bf16", "fp8-e4m3", "fp8-e5m2"]
        sensitivityWeightBits = [4, 2]
        sensitivityActivationBits = [4]
        histogramBins = 64
        mlpEpochs = profile == .full ? 40 : 10
        // The quick profile fine-tunes two settings, keeping the whole run within seconds.
        qatBits = profile == .full ? [[4, 4], [4, 8], [3, 8], [2, 8]] : [[4, 8], [2, 8]]
        qatEpochs = profile == .full ? 3 : 1
        qatLearningRate = 2e-4
        engineBatches = [1, 256]
        engineRepeats = profile == .full ? 9 : 3
        engineImages = profile == .full ? 2048 : 256
    }
}
