public import Records
public import Runner

/// What a profile fixes for the `encoder` section. Verses are drawn without replacement from
/// one seeded permutation of the KJV: calibration first, then the held-out verses (whose first
/// `queries` are the retrieval queries), then the rest of the retrieval corpus.
/// The quick profile runs every family on fewer verses. The full profile's sizes are below the
/// issue's 2,000 held-out and 10,000 corpus verses: at the ~30 verses per second per core
/// measured for one forward pass, those (≈ 39,000 passes over 23 schemes) would not fit the
/// section's five minutes on two cores; these (≈ 18,000) are meant to.
public struct EncoderParameters: SectionParameters, Equatable {
    /// Verses whose activations calibrate static ranges and SmoothQuant's factors.
    public var calibrationVerses: Int
    /// Held-out verses on which every scheme's embedding is compared with FP32's.
    public var heldOutVerses: Int
    /// Retrieval queries: the first held-out verses.
    public var queries: Int
    /// The retrieval corpus, held-out verses included.
    public var corpusVerses: Int
    /// Neighbours compared per query.
    public var neighbours: Int
    /// Held-out verses whose layer outputs give the per-layer SQNR.
    public var sqnrVerses: Int
    /// SmoothQuant's α values of the sweep (per-tensor dynamic INT8 activations, the setting
    /// where migration matters most), and the α of the headline per-token scheme.
    public var alphas: [Double]
    /// The headline α (SmoothQuant's default).
    public var alpha: Double
    /// The percentile of the `percentile` calibration (of |x|), in percent.
    public var percentile: Double
    /// LLM.int8's outlier threshold.
    public var threshold: Double
    /// Bins of the outlier layer's histogram.
    public var histogramBins: Int
    /// Verses per batch (length-bucketed).
    public var batchSize: Int
    /// Verses of one timed pass, and timed passes per variant (interleaved).
    public var speedVerses: Int, speedRepeats: Int

    /// The parameters of `profile`.
    public init(profile: Profile) {
        let full = profile == .full
        calibrationVerses = full ? 256 : 32
        heldOutVerses = full ? 400 : 32
        queries = full ? 200 : 16
        corpusVerses = full ? 5_000 : 300
        neighbours = 10
        sqnrVerses = full ? 32 : 8
        alphas = [0, 0.25, 0.5, 0.75, 1]
        alpha = 0.5
        percentile = 99.99
        threshold = 6
        histogramBins = 64
        batchSize = 32
        speedVerses = full ? 128 : 32
        speedRepeats = full ? 5 : 2
    }
}
