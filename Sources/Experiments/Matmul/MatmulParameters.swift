public import Records
public import Runner

/// The parameters of the matmul section for one profile: what is multiplied, how often and how
/// the error is measured. Everything here goes into the run's fingerprint.
public struct MatmulParameters: Codable, Sendable, Equatable {
    /// The square sizes n of the GEMM trials (A, B and C are n × n), increasing.
    public var sizes: [Int]
    /// Timed repeat rounds per size (after `warmups`), aligned with `sizes`: more for small
    /// sizes, whose times are short and noisy, fewer for the largest, whose single product takes
    /// seconds, and never fewer than `Bootstrap.minimumSample` (5), below which no interval is given.
    public var repeats: [Int]
    /// Untimed rounds before the repeats of each size (primitive creation, first touch of the
    /// kernels' buffers, caches); aligned with `sizes`.
    public var warmups: [Int]
    /// The input distributions whose error is measured.
    public var distributions: [MatmulDistribution]
    /// The distribution whose products are also timed (time does not depend on the values).
    public var timedDistribution: MatmulDistribution
    /// The formats compared, the FP32 baseline first.
    public var formats: [MatmulFormat]
    /// The largest size at which OpenBLAS FP32 is timed (it runs at half oneDNN's FP32 speed
    /// under `OPENBLAS_CORETYPE=Haswell`, so the largest sizes would cost most of the budget).
    public var openBLASMaxSize: Int
    /// The largest size at which the emulated formats (FP16, FP8) are timed: their kernel is the
    /// FP32 kernel, so above it they would repeat FP32's seconds-long products for no new fact.
    /// Their error is still measured at every size.
    public var emulatedTimingMaxSize: Int
    /// Where and how large the outliers of the `.outliers` and `.channels` distributions are.
    public var outliers: MatmulOutliers
    /// The sizes at which the activation schemes for outliers are compared (`ActivationSchemeTrial`).
    public var schemeSizes: [Int]
    /// LLM.int8's threshold: a column of A with any |x| above it is multiplied in FP32.
    public var llmInt8Threshold: Float
    /// SmoothQuant's migration strengths α swept (0.5 is the paper's default).
    public var smoothQuantAlphas: [Double]
    /// The percentile of |x| the static percentile calibration clips at.
    public var calibrationPercentile: Double
    /// Rows of the calibration batch static activation ranges are set from.
    public var calibrationRows: Int
    /// The largest size whose error is measured on the whole product; above it the error is
    /// measured on `sampledRows` evenly spaced rows of C, against the same rows in FP64.
    public var fullErrorMaxSize: Int
    /// Rows of C the error is measured on above `fullErrorMaxSize`.
    public var sampledRows: Int
    /// Contiguous blocks of measured rows whose error energies are recorded (for intervals).
    public var errorBlocks: Int
    /// The size of the short GEMMs that measure each instruction type's peak (large enough to
    /// reach full speed, small enough to stay in the caches' reach).
    public var peakSize: Int
    /// Timed repeats of each peak GEMM (the peak is the fastest of them).
    public var peakRepeats: Int
    /// Rounds of the instruction-rate probe (clock, then each instruction).
    public var isaRounds: Int
    /// Loop iterations of each instruction probe (12 instructions each; the clock probe runs
    /// 2.5× as many rounds of 8 adds): about 0.1 s per probe on this machine.
    public var isaIterations: Int
    /// GEMV weight shapes `[rows, columns]` at batch 1.
    public var gemvShapes: [[Int]]
    /// Timed repeats of each GEMV.
    public var gemvRepeats: Int
    /// Group size of the packed INT4 GEMV's scales (along a row).
    public var int4GroupSize: Int
    /// MiB read before each cold GEMV repeat to evict the weights: above the 32 MiB last-level
    /// cache (three times it in the full profile).
    public var gemvEvictionMebibytes: Int
    /// MiB read by the bandwidth probe (above the 32 MiB last-level cache).
    public var bandwidthMebibytes: Int
    /// Timed repeats of the bandwidth probe (its fastest repeat is the read bandwidth).
    public var bandwidthRepeats: Int

    /// The rows of C whose error is measured at `size`: all of them up to `fullErrorMaxSize`,
    /// otherwise `sampledRows` evenly spaced ones (`⌊i · n / r⌋`), no randomness needed.
    public func errorRows(size: Int) -> [Int]? {
        guard size > fullErrorMaxSize else { return nil }
        let r = min(sampledRows, size)
        return (0..<r).map { $0 * size / r }
    }

    /// The activation schemes compared at `schemeSizes`: dynamic per tensor and per token,
    /// static per tensor by each calibration method, LLM.int8, and SmoothQuant at every α.
    public var activationSchemes: [ActivationScheme] {
        [.perTensor, .perToken, .calibrated(.minMax), .calibrated(.percentile(calibrationPercentile)), .calibrated(.mse),
         .calibrated(.kl), .llmInt8(threshold: llmInt8Threshold)] + smoothQuantAlphas.map { .smoothQuant(alpha: $0) }
    }

    /// Whether `format` is timed at `size` (OpenBLAS and emulated formats stop at their limits).
    public func isTimed(_ format: MatmulFormat, size: Int) -> Bool {
        if format == .openBLASFP32 { return size <= openBLASMaxSize }
        if format.isEmulated { return size <= emulatedTimingMaxSize }
        return true
    }
}

extension MatmulParameters: SectionParameters {
    /// Both profiles' outliers: 0.1 % of the entries ×50 scattered; 0.2 % of the columns of A ×20
    /// (|x| ≈ 20, above LLM.int8's threshold of 6, as in the feature dimensions it found).
    static let outliers = MatmulOutliers(scatteredFraction: 0.001, scatteredScale: 50, channelFraction: 0.002, channelScale: 20)

    /// The parameters of `profile`.
    ///
    /// Full: sizes 10 … 10 000 at ~4 points per decade up to 1778, then 4096 (the floors' size) and
    /// 10 000, within six minutes on two cores: the error above n = 1778 from 256 sampled rows,
    /// since the FP64 reference of the whole product at n = 10 000 alone (2·10¹² flops on
    /// OpenBLAS's Haswell dgemm) would take most of the budget; one warm-up and five rounds at
    /// 10 000, where one FP32 product takes about 4.5 s; emulated formats and OpenBLAS timed up
    /// to 4096. Quick: sizes up to 512 and a GEMV of 1024 × 4096, everything else the same in
    /// kind, so that it also runs in seconds in a debug build (the CLI's end-to-end tests); its
    /// GEMV weights (16 MB in FP32) fit in the 32 MiB last-level cache, so only the full profile's
    /// GEMV is memory-bound and checks the floors.
    public init(profile: Profile) {
        switch profile {
        case .full:
            self.init(
                sizes: [10, 18, 32, 56, 100, 178, 316, 562, 1000, 1778, 4096, 10000],
                repeats: [50, 50, 50, 40, 30, 30, 20, 15, 10, 7, 5, 5],
                warmups: [5, 5, 5, 5, 3, 3, 2, 2, 1, 1, 1, 1],
                distributions: MatmulDistribution.allCases, timedDistribution: .normal,
                formats: MatmulFormat.allCases, openBLASMaxSize: 4096, emulatedTimingMaxSize: 4096,
                outliers: Self.outliers, schemeSizes: [100, 316, 1000, 1778, 4096], llmInt8Threshold: 6,
                smoothQuantAlphas: [0, 0.25, 0.5, 0.75, 1], calibrationPercentile: 99.99, calibrationRows: 64,
                fullErrorMaxSize: 1778, sampledRows: 256, errorBlocks: 16,
                peakSize: 2048, peakRepeats: 10, isaRounds: 5, isaIterations: 20_000_000,
                gemvShapes: [[4096, 4096], [11008, 4096]], gemvRepeats: 30, int4GroupSize: 128, gemvEvictionMebibytes: 96,
                bandwidthMebibytes: 256, bandwidthRepeats: 20)
        case .quick:
            self.init(
                sizes: [10, 18, 32, 56, 100, 178, 316, 512],
                repeats: [10, 10, 10, 8, 8, 6, 5, 5],
                warmups: [2, 2, 2, 2, 1, 1, 1, 1],
                distributions: MatmulDistribution.allCases, timedDistribution: .normal,
                formats: MatmulFormat.allCases, openBLASMaxSize: 512, emulatedTimingMaxSize: 512,
                outliers: Self.outliers, schemeSizes: [100, 316], llmInt8Threshold: 6,
                smoothQuantAlphas: [0, 0.25, 0.5, 0.75, 1], calibrationPercentile: 99.99, calibrationRows: 64,
                fullErrorMaxSize: 316, sampledRows: 64, errorBlocks: 16,
                peakSize: 512, peakRepeats: 5, isaRounds: 5, isaIterations: 20_000_000,
                gemvShapes: [[1024, 4096]], gemvRepeats: 5, int4GroupSize: 128, gemvEvictionMebibytes: 64,
                bandwidthMebibytes: 64, bandwidthRepeats: 10)
        }
    }
}
