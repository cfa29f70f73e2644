public import Records
public import Runner

/// What the `formats` section computes, per profile: the values encoded, the spacing grid, the
/// worked affine example, the sample sizes of the 4-bit levels, and the models of the memory table.
public struct FormatsParameters: Codable, Sendable, Equatable {
    /// Values encoded in every float format.
    public var encodedValues: [Double]
    /// Spacing grid: magnitudes 2^(k/stepsPerOctave) for k in this range of octaves.
    public var spacingOctaves: ClosedRange<Int>
    /// Grid points per octave of the spacing sweep.
    public var stepsPerOctave: Int
    /// The vector of the worked affine example.
    public var affineExample: [Float]
    /// The clipping threshold of the clipped variant of the affine example.
    public var affineClip: Float
    /// Samples per distribution in the levels trial (a multiple of `blockSize`).
    public var samples: Int
    /// Block size of blockwise absmax scaling (QLoRA's 64).
    public var blockSize: Int
    /// Histogram bins over [−1, 1] for the block-normalised values.
    public var histogramBins: Int
    /// Model sizes of the memory table, in parameters.
    public var modelParameters: [Double]
    /// Group size of the INT4 memory row (one FP16 scale per group).
    public var int4GroupSize: Int
    /// Context length of the KV-cache table, in tokens.
    public var kvContext: Int = 4096
    /// Batch sizes of the KV-cache table.
    public var kvBatches: [Int] = [1, 16]
}

extension FormatsParameters: SectionParameters {
    /// The parameters of `profile`: only the samples of the levels trial differ (2¹⁴ quick, 2²⁰ full).
    public init(profile: Profile) {
        self.init(
            encodedValues: [0.375, 0.1, 3.141592653589793, 70000],
            spacingOctaves: -24...20,
            stepsPerOctave: 4,
            affineExample: [-1.2, -0.35, 0, 0.27, 0.6, 2.9],
            affineClip: 1.5,
            samples: profile == .quick ? 1 << 14 : 1 << 20,
            blockSize: 64,
            histogramBins: 80,
            modelParameters: [7e9, 13e9, 70e9, 405e9],
            int4GroupSize: 128)
    }
}
