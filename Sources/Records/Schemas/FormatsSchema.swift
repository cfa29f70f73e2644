/// The record vocabulary of the `formats` section: facts about every number format, computed
/// by QuantCore.
///
/// The `family` parameter names the family. Nothing is timed: every value is fixed by profile
/// and seed. Values and errors are in the units of the encoded numbers (dimensionless).
///
/// | family | one record per | measurements |
/// |---|---|---|
/// | `format` | format (`order` gives the table order) | `bits`, `exponent_bits`, `mantissa_bits`, `max`, `min_normal`, `min_subnormal`, `epsilon`, `finite_values` |
/// | `encoding` | float format, value | `code`, `decoded`, `abs_error`, `rel_error`, `saturated` |
/// | `spacing` | format, magnitude | `gap`, `relative_gap` |
/// | `affine` | scheme, index | `input`, `code`, `dequantized`, `error` |
/// | `affine-summary` | scheme | `range_lower`, `range_upper`, `scale`, `zero_point`, `min_code`, `max_code`, `mse`, `max_abs_error`, `clipped` |
/// | `levels` | distribution, scheme | `mse`, `sqnr`, `bits_per_weight` |
/// | `level` | scheme, index | `value` |
/// | `histogram` | distribution, bin | `lower`, `upper`, `density` |
/// | `memory` | layout, parameters | `bits_per_weight`, `bytes` |
/// | `sqnr-rule` | distribution, bits, calibration | `sqnr` |
/// | `kv-cache` | model (`layers`, `kv_width`, `ffn_width`), context, batch, layout | `bits_per_weight`, `kv_bytes`, `activation_bytes` |
/// | `cpu-flag` | flag | (`present` is a parameter) |
/// | `energy-op` | operation (`source`) | `picojoules` |
public enum FormatsSchema: RecordSchema {
    /// The section id.
    public static let section = "formats"
    /// Records name their family in `family`.
    public static let familyKey = Parameter.family

    /// The trial families (values of the `family` parameter).
    public enum Family: String, CaseIterable, Sendable {
        /// The table facts of one format.
        case format
        /// A worked encoding of one value in one float format.
        case encoding
        /// The gap to the next representable value at one magnitude.
        case spacing
        /// One element of the worked affine (scale, zero point) example.
        case affine
        /// One scheme of the worked affine example.
        case affineSummary = "affine-summary"
        /// One 4-bit scheme's error on one distribution.
        case levels
        /// One level of a 4-bit scheme on the block-normalised scale [−1, 1].
        case level
        /// One bin of the histogram of block-normalised values.
        case histogram
        /// The bytes of one model size at one storage layout.
        case memory
        /// The SQNR of uniform b-bit quantization of one distribution with one calibration.
        case sqnrRule = "sqnr-rule"
        /// The KV-cache and activation memory of one model shape at one cache format.
        case kvCache = "kv-cache"
        /// Whether this CPU has one instruction-set flag (from `/proc/cpuinfo`).
        case cpuFlag = "cpu-flag"
        /// The energy of one operation or memory access from a published table (an estimate).
        case energyOp = "energy-op"
    }

    /// The parameter keys.
    public enum Parameter: String, ParameterKey {
        /// The trial family (`Family`).
        case family
        /// The format's CLI name, e.g. `fp16`, `fp8-e4m3`, `int8`.
        case format
        /// Position of the format in the facts table, widest first (from 0).
        case order
        /// The value encoded (`encoding`).
        case value
        /// The magnitude |x| whose gap is measured (`spacing`).
        case magnitude
        /// The quantization scheme: `symmetric`, `asymmetric`, `symmetric-clipped` (`affine`), or
        /// `int4-symmetric`, `int4-asymmetric`, `nf4` (`levels`, `level`).
        case scheme
        /// Index of an element (`affine`) or a level (`level`), from 0.
        case index
        /// The sample distribution: `normal` or `student-t3` (Student-t, 3 degrees of freedom).
        case distribution
        /// Index of a histogram bin over [−1, 1], from 0.
        case bin
        /// The storage layout of the memory table, e.g. `fp16/bf16`, `int4 g128`.
        case layout
        /// The model size in parameters (`memory`).
        case modelParameters = "parameters"
        /// Code width in bits (`sqnr-rule`).
        case bits
        /// How the range was chosen: `minmax` or `mse` (`sqnr-rule`).
        case calibration
        /// A model shape's name, e.g. `Llama-2-7B` (`kv-cache`).
        case model
        /// Transformer layers (`kv-cache`).
        case layers
        /// Width of the keys (and values) cached per layer and token: heads × head size, fewer
        /// than the hidden width under grouped-query attention (`kv-cache`).
        case kvWidth = "kv_width"
        /// The MLP's intermediate width (`kv-cache`).
        case ffnWidth = "ffn_width"
        /// Tokens of context cached (`kv-cache`).
        case context
        /// Sequences decoded at once (`kv-cache`).
        case batch
        /// A CPU flag, e.g. `avx512_bf16` (`cpu-flag`).
        case flag
        /// Whether the CPU has the flag (`cpu-flag`).
        case present
        /// The operation or access, e.g. `int8-add`, `dram-64bit` (`energy-op`).
        case operation
        /// Where a published constant comes from (`energy-op`).
        case source
    }

    /// The measurement keys.
    public enum Metric: String, MeasurementKey {
        /// KV-cache bytes of a model shape, in `B` (`kv-cache`).
        case kvBytes = "kv_bytes"
        /// Bytes of the largest activation of one layer (the MLP intermediate, FP16), in `B` (`kv-cache`).
        case activationBytes = "activation_bytes"
        /// Energy of one operation or access, in `pJ` (`energy-op`; a published estimate).
        case picojoules
        /// Total bits of the format, in `bit`.
        case bits
        /// Exponent bits (float formats), in `bit`.
        case exponentBits = "exponent_bits"
        /// Mantissa (fraction) bits (float formats), in `bit`.
        case mantissaBits = "mantissa_bits"
        /// The largest finite value.
        case max
        /// The smallest positive normal value (float formats).
        case minNormal = "min_normal"
        /// The smallest positive subnormal value (float formats with subnormals).
        case minSubnormal = "min_subnormal"
        /// The gap between 1 and the next value up (float formats).
        case epsilon
        /// How many distinct finite values the format has (a count).
        case finiteValues = "finite_values"
        /// The stored code: the bit pattern as an unsigned integer (`encoding`), or the integer
        /// code (`affine`).
        case code
        /// The value the code decodes to.
        case decoded
        /// |decoded − value|.
        case absError = "abs_error"
        /// |decoded − value| / |value|.
        case relError = "rel_error"
        /// The value that saturating quantization stores (overflow clamps to ±max).
        case saturated
        /// The gap to the next representable value up.
        case gap
        /// The gap divided by the magnitude.
        case relativeGap = "relative_gap"
        /// The input element of the affine example.
        case input
        /// The element after quantize–dequantize.
        case dequantized
        /// dequantized − input.
        case error
        /// The lower end of the scheme's clipping range.
        case rangeLower = "range_lower"
        /// The upper end of the scheme's clipping range.
        case rangeUpper = "range_upper"
        /// The quantization scale s.
        case scale
        /// The zero point z (an integer code).
        case zeroPoint = "zero_point"
        /// The smallest code of the grid.
        case minCode = "min_code"
        /// The largest code of the grid.
        case maxCode = "max_code"
        /// Mean squared error of quantize–dequantize.
        case mse
        /// Largest absolute error of quantize–dequantize.
        case maxAbsError = "max_abs_error"
        /// How many inputs lay outside the clipping range (a count).
        case clipped
        /// Signal-to-quantization-noise ratio, in `dB`.
        case sqnr
        /// Storage per weight, scales included, in `bit`.
        case bitsPerWeight = "bits_per_weight"
        /// A level on the block-normalised scale [−1, 1] (`level`).
        case value
        /// The lower edge of a histogram bin.
        case lower
        /// The upper edge of a histogram bin.
        case upper
        /// The density of a histogram bin (count / (samples · bin width)).
        case density
        /// Bytes of a model's weights, in `B` (decimal).
        case bytes
    }
}
