public import Records
public import Runner

/// What a profile fixes for the `encoder` section. Verses are drawn without replacement from
/// one seeded permutation of the KJV: calibration first, then the held-out verses (whose first
/// `queries` are the retrieval queries), then the rest of the retrieval corpus.
/// The quick profile runs every family on fewer verses.
///
/// The full profile has the retrieval set (200 queries among 10,000 verses) but 1,000
/// held-out verses, not 2,000. The cost is one forward pass per verse per scheme: FP32 embeds
/// the corpus once, and each of the 24 schemes embeds the held-out verses (the queries are the
/// first of them; retrieval itself is one 200 × 10,000 product per scheme, under a second).
/// Measured on two cores (2026-11-30): 4 min 29 s for the full section at these sizes on a quiet
/// machine (load 1.3 at the start, nothing else running), 4 min 57 s when another process
/// started near the end; about 130 passes per second per scheme. 2,000 held-out verses would add
/// 24,000 passes (≈ 3 min) and miss the section's five minutes. A profile (perf, quick profile)
/// shows where the passes go: oneDNN's second thread spins idle in about 30 % of the samples,
/// waiting while serial Swift outside the GEMMs runs (exact-erf GELU alone 7 %, softmax,
/// LayerNorm, the emulated quantizers); parallelising those is the way to the full 2,000. The
/// intervals at 1,000 verses are already narrow (mean cosine ± 0.001 or less for every scheme
/// outside the α sweep), so the lost verses cost little resolution.
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
        heldOutVerses = full ? 1_000 : 32
        queries = full ? 200 : 16
        corpusVerses = full ? 10_000 : 300
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
