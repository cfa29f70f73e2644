public import Records
public import Runner

/// The parameters of the matmul section for one profile: what is multiplied, how often and how
/// the error is measured. Everything here goes into the run's fingerprint.
public struct MatmulParameters: Codable, Sendable, Equatable {
    /// The square sizes n of the GEMM trials (A, B and C are n × n), increasing.
    public var sizes: [Int]
    /// Timed repeats per size (after `warmups`), aligned with `sizes`: more for small sizes,
    /// whose times are short and noisy, fewer for the largest, whose single product takes seconds.
    public var repeats: [Int]
    /// Untimed runs before the repeats of each size and format (primitive creation, first touch
    /// of the kernel's buffers, caches); aligned with `sizes`.
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
    /// Fraction of entries made outliers by the `.outliers` distribution.
    public var outlierFraction: Double
    /// Factor the outlier entries are multiplied by.
    public var outlierScale: Float
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

    /// Whether `format` is timed at `size` (OpenBLAS and emulated formats stop at their limits).
    public func isTimed(_ format: MatmulFormat, size: Int) -> Bool {
        if format == .openBLASFP32 { return size <= openBLASMaxSize }
        if format.isEmulated { return size <= emulatedTimingMaxSize }
        return true
    }
}

extension MatmulParameters: SectionParameters {
    /// The parameters of `profile`.
    ///
    /// Full: sizes 10 … 10 000 at ~4 points per decade up to 1778, then 4096 (the floors' size) and
    /// 10 000, within six minutes on two cores: the error above n = 1778 from 256 sampled rows,
    /// since the FP64 reference of the whole product at n = 10 000 alone (2·10¹² flops on
    /// OpenBLAS's Haswell dgemm) would take most of the budget; one warm-up and two repeats at
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
                repeats: [50, 50, 50, 40, 30, 30, 20, 15, 10, 7, 5, 2],
                warmups: [5, 5, 5, 5, 3, 3, 2, 2, 1, 1, 1, 1],
                distributions: MatmulDistribution.allCases, timedDistribution: .normal,
                formats: MatmulFormat.allCases, openBLASMaxSize: 4096, emulatedTimingMaxSize: 4096,
                outlierFraction: 0.001, outlierScale: 50,
                fullErrorMaxSize: 1778, sampledRows: 256, errorBlocks: 16,
                peakSize: 2048, peakRepeats: 10,
                gemvShapes: [[4096, 4096], [11008, 4096]], gemvRepeats: 30, int4GroupSize: 128, gemvEvictionMebibytes: 96,
                bandwidthMebibytes: 256, bandwidthRepeats: 20)
        case .quick:
            self.init(
                sizes: [10, 18, 32, 56, 100, 178, 316, 512],
                repeats: [10, 10, 10, 8, 8, 6, 5, 5],
                warmups: [2, 2, 2, 2, 1, 1, 1, 1],
                distributions: MatmulDistribution.allCases, timedDistribution: .normal,
                formats: MatmulFormat.allCases, openBLASMaxSize: 512, emulatedTimingMaxSize: 512,
                outlierFraction: 0.001, outlierScale: 50,
                fullErrorMaxSize: 316, sampledRows: 64, errorBlocks: 16,
                peakSize: 512, peakRepeats: 5,
                gemvShapes: [[1024, 4096]], gemvRepeats: 5, int4GroupSize: 128, gemvEvictionMebibytes: 64,
                bandwidthMebibytes: 64, bandwidthRepeats: 10)
        }
    }
}
