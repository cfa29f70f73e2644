/// The record vocabulary of the `matmul` section: FP16, BF16, FP8, INT8 and INT4 matrix
/// products against FP32 (FP64 reference), the instruction peaks, the read bandwidth and
/// batch-1 GEMV.
///
/// The `trial` parameter names the family. Times are in seconds (`s`), marked as timings;
/// everything else is fixed by profile and seed.
///
/// | trial | one record per | other parameters | measurements |
/// |---|---|---|---|
/// | `gemm-error` | distribution, size, format | `emulated`, `kernel`, `error_rows`, `outlier_fraction`/`outlier_scale` (outliers only) | `relative_error`, `max_abs_error`, `sqnr_db`, bytes per element |
/// | `gemm-scheme` | distribution, size, scheme | `alpha` (SmoothQuant), `threshold` (LLM.int8), `calibration_rows`/`percentile` (static), `error_rows` | `relative_error`, `max_abs_error`, `sqnr_db`, `inlier_relative_error`, `kept_column_share` (LLM.int8) |
/// | `gemm-error-block` | distribution, size, format, block | | `squared_error`, `squared_reference` |
/// | `gemm-time` | size, format, repeat | `emulated`, `instruction`, `kernel`, `implementation`, environment | `prepare_seconds`, `prepare_source_seconds`, `kernel_seconds`, `readout_seconds`, `end_to_end_seconds`, `per_call_seconds`, `operations`, bytes per element |
/// | `isa-rate` | instruction, repeat | environment | `clock_hz`, `operations_per_second` |
/// | `peak` | instruction, repeat | `size`, `implementation`, environment | `kernel_seconds`, `operations` |
/// | `gemv` | rows, columns, weights, cache, repeat | `kernel`, environment | `kernel_seconds`, `weight_bytes` |
/// | `gemv-error` | rows, columns, weights | | `relative_error`, `max_abs_error`, `sqnr_db` |
/// | `bandwidth` | repeat, `during` (absent for the probe at the start) | environment | `kernel_seconds`, `bytes` |
///
/// Environment parameters: `isa`, `blas_core`, `threads`.
public enum MatmulSchema: RecordSchema {
    /// The section id.
    public static let section = "matmul"
    /// Records name their family in `trial`.
    public static let familyKey = Parameter.trial

    /// The trial families (values of the `trial` parameter).
    public enum Family: String, CaseIterable, Sendable {
        /// The error of one product against its FP64 reference.
        case gemmError = "gemm-error"
        /// The error of an INT8 product under one activation scheme for outliers.
        case gemmScheme = "gemm-scheme"
        /// The error energies of one block of the measured rows of C (for bootstrap intervals).
        case gemmErrorBlock = "gemm-error-block"
        /// The phase times of one repeat of one product.
        case gemmTime = "gemm-time"
        /// One round of the instruction-rate probe: the core clock and one instruction's rate in a
        /// throughput-bound loop on every thread (the ISA ceiling).
        case isaRate = "isa-rate"
        /// One repeat of the short GEMM that measures an instruction type's best observed rate.
        case peak
        /// One repeat of a batch-1 GEMV.
        case gemv
        /// The error of a GEMV's output against the FP64 product of the unquantized weights.
        case gemvError = "gemv-error"
        /// One repeat of the read-bandwidth probe, or an eviction read between cold GEMVs.
        case bandwidth
    }

    /// The parameter keys.
    public enum Parameter: String, ParameterKey {
        /// The trial family (`Family`).
        case trial
        /// The entry distribution of A and B: `normal`, `outliers` (the same draws with a
        /// fraction of the entries scaled up) or `channels` (a few whole columns of A scaled up).
        case distribution
        /// The square size n of A, B and C (n × n); for `peak`, the peak GEMM's size.
        case size
        /// The operand format, e.g. `fp32`, `int8-tensor`, `openblas-fp32`.
        case format
        /// Whether the format is emulated: its inputs are rounded, then multiplied by the FP32
        /// kernel, since the CPU has no arithmetic for it (a flag).
        case emulated
        /// The label of the kernel that ran the product, e.g. `oneDNN INT8 (per-tensor)`, `INT8 per-row GEMV (Swift SIMD)`.
        case kernel
        /// Rows of C the error was measured on: n, or the evenly spaced sampled rows (a count).
        case errorRows = "error_rows"
        /// Fraction of the entries (`outliers`) or of A's columns (`channels`) made outliers, in [0, 1].
        case outlierFraction = "outlier_fraction"
        /// Factor the outlier entries are multiplied by (`outliers` distribution only).
        case outlierScale = "outlier_scale"
        /// Outlier entries of A (a count; outlier distributions only).
        case outlierCount = "outlier_count"
        /// The activation scheme of a `gemm-scheme` trial: `per-tensor`, `per-token`,
        /// `static-minmax`, `static-percentile`, `static-mse`, `static-kl`, `llm-int8`, `smoothquant`.
        case scheme
        /// SmoothQuant's migration strength α in [0, 1].
        case alpha
        /// LLM.int8's outlier threshold on |x|.
        case threshold
        /// Rows of the calibration batch a static range was set from (a count).
        case calibrationRows = "calibration_rows"
        /// The percentile of |x| a static percentile range clips at.
        case percentile
        /// Index of a block of measured rows of C, from 0.
        case block
        /// The instruction family whose peak applies: `fp32`, `bf16` or `int8`.
        case instruction
        /// The implementation oneDNN chose, e.g. `brg:avx512_core`.
        case implementation
        /// Index of a timed repeat, from 0.
        case repeatIndex = "repeat"
        /// oneDNN's dispatched ISA, e.g. `avx512_core_bf16`.
        case isa
        /// OpenBLAS's core type, e.g. `Haswell`.
        case blasCore = "blas_core"
        /// The run's thread count (one per process).
        case threads
        /// Rows of the GEMV weight matrix W.
        case rows
        /// Columns of the GEMV weight matrix W (the length of x).
        case columns
        /// The GEMV weight format: `fp32`, `bf16`, `int8`, `int4` (FP32 x), `w8a8`, `w4a8` (x
        /// quantized to INT8).
        case weights
        /// The GEMV cache state: `warm` (repeated at once) or `cold` (W evicted first); absent in
        /// runs before it was recorded, which count as warm.
        case cache
        /// For an eviction read, the GEMV whose cold repeats it separated, e.g. `gemv 4096×4096 int4`;
        /// absent for the probe at the start of the section.
        case during
    }

    /// The measurement keys.
    public enum Metric: String, MeasurementKey {
        /// Relative Frobenius error ‖C₆₄ − Ĉ‖_F / ‖C₆₄‖_F against FP64 (dimensionless).
        case relativeError = "relative_error"
        /// Largest absolute error of an element of the product (in the units of C).
        case maxAbsError = "max_abs_error"
        /// Signal-to-quantization-noise ratio 10·log₁₀(‖C₆₄‖² / ‖C₆₄ − Ĉ‖²), in `dB`.
        case sqnrDB = "sqnr_db"
        /// Σ(c₆₄ − ĉ)² over one block of rows (dimensionless).
        case squaredError = "squared_error"
        /// Σc₆₄² over one block of rows (dimensionless).
        case squaredReference = "squared_reference"
        /// Time to round or quantize both inputs and load them into the kernel, in `s` (timing).
        case prepareSeconds = "prepare_seconds"
        /// Time to round or quantize a new A alone and load it, B kept from the previous prepare
        /// (what a layer with weights converted once pays per call), in `s` (timing).
        case prepareSourceSeconds = "prepare_source_seconds"
        /// Time of the kernel alone, in `s` (timing).
        case kernelSeconds = "kernel_seconds"
        /// Time to read out (and dequantize) the product, in `s` (timing).
        case readoutSeconds = "readout_seconds"
        /// prepare + kernel + read-out: both operands converted on the call, in `s` (timing).
        case endToEndSeconds = "end_to_end_seconds"
        /// prepare A + kernel + read-out: the weights B converted once beforehand, in `s` (timing).
        case perCallSeconds = "per_call_seconds"
        /// Arithmetic operations of the product, 2n³, in `op`.
        case operations
        /// ‖A_in − Â_in‖ / ‖A_in‖ over the entries of A that are not outliers (dimensionless).
        case inlierRelativeError = "inlier_relative_error"
        /// Share of A's columns LLM.int8 multiplied in FP32 (dimensionless, in [0, 1]).
        case keptColumnShare = "kept_column_share"
        /// Bytes one element of A or B occupies when stored in the format (INT4: 0.5), in `bytes`.
        case storageBytesPerElement = "storage_bytes_per_element"
        /// Bytes per element the timed kernel reads (4 for the emulated formats), in `bytes`.
        case kernelBytesPerElement = "kernel_bytes_per_element"
        /// Bytes of GEMV weights and scales read per product, in `bytes`.
        case weightBytes = "weight_bytes"
        /// Bytes read by one bandwidth-probe or eviction repeat, in `bytes`.
        case bytes
        /// The core clock measured by a chain of dependent adds, in `Hz` (timing).
        case clockHz = "clock_hz"
        /// Operations per second of one instruction on every thread, in `op/s` (timing).
        case operationsPerSecond = "operations_per_second"
    }
}
