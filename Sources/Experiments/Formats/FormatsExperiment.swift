public import Results
import Tensor

/// The `formats` section: facts about every number format, computed by QuantCore.
///
/// No timing: every record is fixed bit for bit by the profile and the seed. Five families of
/// trials, told apart by the `family` parameter:
/// - `format`: the table facts of each format (bits, split, max, min normal, …);
/// - `encoding`: worked encodings of a few values (0.375, 0.1, π, an overflow) in each float format;
/// - `spacing`: the gap to the next representable value against magnitude, per format;
/// - `affine`: a worked affine (scale, zero point) example on a small vector, with clipping;
/// - `levels`: INT4 symmetric, INT4 asymmetric and NF4 on normal and heavy-tailed samples in
///   blocks of 64 (the MSE of each), with the histogram of block-normalised values;
/// - `memory`: bytes of 7B…405B-parameter models at each precision, scale overhead included.
public struct FormatsExperiment: Experiment {
    /// What a profile fixes.
    public struct Parameters: Codable, Sendable, Equatable {
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
    }

    /// The experiment.
    public init() {}

    public var id: String { "formats" }

    public var sourcePaths: [String] { ["Experiments/Formats", "QuantCore", "Tensor", "CKernels"] }

    public func parameters(for profile: Profile) -> Parameters {
        Parameters(
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

    public func run(_ parameters: Parameters, context: ExperimentContext) throws -> [TrialRecord] {
        var records: [TrialRecord] = []
        records += FormatsTrials.formatFacts()
        records += FormatsTrials.encodings(of: parameters.encodedValues)
        records += FormatsTrials.spacing(octaves: parameters.spacingOctaves, stepsPerOctave: parameters.stepsPerOctave)
        records += try FormatsTrials.affineExample(parameters.affineExample, clip: parameters.affineClip)
        records += try FormatsTrials.levels(parameters, context: context)
        records += FormatsTrials.memory(models: parameters.modelParameters, int4GroupSize: parameters.int4GroupSize)
        return records
    }
}
