public import Records
public import Runner
import Tensor

/// The `formats` section: facts about every number format, computed by QuantCore.
///
/// No timing: every record is fixed bit for bit by the profile and the seed. The trials, told
/// apart by the `family` parameter (`FormatsSchema` lists every family and key):
/// - `format`: the table facts of each format (bits, split, max, min normal, …);
/// - `encoding`: worked encodings of a few values (0.375, 0.1, π, an overflow) in each float format;
/// - `spacing`: the gap to the next representable value against magnitude, per format;
/// - `affine`, `affine-summary`: a worked affine (scale, zero point) example on a small vector,
///   with clipping;
/// - `levels`, `level`, `histogram`: INT4 symmetric, INT4 asymmetric and NF4 on normal and
///   heavy-tailed samples in blocks of 64 (the MSE of each), their levels, and the histogram of
///   block-normalised values;
/// - `memory`: bytes of 7B…405B-parameter models at each precision, scale overhead included;
/// - `sqnr-rule`: measured SQNR of uniform b-bit quantization against the 6.02·b + 1.76 dB rule;
/// - `kv-cache`: KV-cache and activation bytes of published model shapes at a context length;
/// - `cpu-flag`: which instruction-set flags this CPU has (what is native here);
/// - `energy-op`: a published table of energy per operation and access (an estimate, cited).
public struct FormatsExperiment: Experiment {
    /// What a profile fixes (`FormatsParameters`).
    public typealias Parameters = FormatsParameters

    /// The experiment.
    public init() {}

    /// `FormatsSchema.section`.
    public var id: String { FormatsSchema.section }

    /// `Experiments/Formats`: its fingerprint follows the modules its files import.
    public var sourceFolder: String { "Experiments/Formats" }

    /// Every family's trials, in the order of the list above.
    /// - Throws: what QuantCore's quantization throws (not expected for these inputs).
    public func run(_ parameters: Parameters, context: ExperimentContext) throws -> [TrialRecord] {
        var records: [TrialRecord] = []
        records += FormatsTrials.formatFacts()
        records += FormatsTrials.encodings(of: parameters.encodedValues)
        records += FormatsTrials.spacing(octaves: parameters.spacingOctaves, stepsPerOctave: parameters.stepsPerOctave)
        records += try FormatsTrials.affineExample(parameters.affineExample, clip: parameters.affineClip)
        records += try FormatsTrials.levels(parameters, context: context)
        records += FormatsTrials.memory(models: parameters.modelParameters, int4GroupSize: parameters.int4GroupSize)
        records += try FormatsTrials.sqnrRule(parameters, context: context)
        records += FormatsTrials.kvCache(context: parameters.kvContext, batches: parameters.kvBatches)
        records += FormatsTrials.cpuFlags(Environment.current())
        records += FormatsTrials.energyTable()
        return records
    }
}
