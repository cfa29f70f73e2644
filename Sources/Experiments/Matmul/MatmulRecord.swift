public import Records
import Runner
public import QuantCore

/// The record vocabulary of the matmul section: parameter and measurement names and the builders
/// of each trial family. Times are in seconds (`s`), marked as timings; everything else is fixed
/// by profile and seed. The `trial` parameter names the family:
///
/// | trial | one record per | parameters | measurements |
/// |---|---|---|---|
/// | `gemm-error` | distribution, size, format | `error_rows` (rows of C measured), `kernel`, `outlier_fraction`/`outlier_scale` (outliers only) | `relative_error`, `max_abs_error`, `sqnr_db` |
/// | `gemm-error-block` | distribution, size, format, block | | `squared_error`, `squared_reference` |
/// | `gemm-time` | size, format, repeat | `emulated`, `instruction`, `kernel`, `implementation`, environment | `prepare_seconds`, `kernel_seconds`, `readout_seconds`, `end_to_end_seconds`, `operations`, bytes per element |
/// | `peak` | instruction, repeat | `size`, environment | `kernel_seconds`, `operations` |
/// | `gemv` | shape, weights, cache (`warm`/`cold`), repeat | `kernel`, environment | `kernel_seconds`, `weight_bytes` |
/// | `gemv-error` | shape, weights | | `relative_error`, `max_abs_error`, `sqnr_db` |
/// | `bandwidth` | repeat, `during` (absent for the probe at the start; the GEMV whose cold repeats the read separated) | environment | `kernel_seconds`, `bytes` |
///
/// Environment parameters: `isa` (oneDNN's dispatched ISA), `blas_core` (OpenBLAS's core type),
/// `threads` (the run's thread count, one per process).
public enum MatmulRecord {
    /// Trial family names (the `trial` parameter).
    public enum Trial: String, Sendable, CaseIterable {
        case gemmError = "gemm-error"
        case gemmErrorBlock = "gemm-error-block"
        case gemmTime = "gemm-time"
        case peak
        case gemv
        case gemvError = "gemv-error"
        case bandwidth
    }

    /// Where a timing ran: dispatched ISA, OpenBLAS core and thread count.
    public struct Environment: Sendable, Equatable {
        /// oneDNN's dispatched ISA (`avx512_core_bf16`, …).
        public let isa: String
        /// OpenBLAS's core type (`Haswell` under this environment's `OPENBLAS_CORETYPE`).
        public let blasCore: String
        /// The run's thread count (one per process).
        public let threads: Int

        /// The environment of a run.
        public init(isa: String, blasCore: String, threads: Int) {
            self.isa = isa
            self.blasCore = blasCore
            self.threads = threads
        }

        var parameters: [String: ParameterValue] {
            ["isa": .string(isa), "blas_core": .string(blasCore), "threads": .int(threads)]
        }
    }

    /// The error of one product against its FP64 reference.
    /// - Parameter outliers: the fraction and factor of the outlier entries, recorded on the
    ///   `outliers` distribution's records (`outlier_fraction`, `outlier_scale`).
    public static func gemmError(
        distribution: MatmulDistribution, size: Int, format: MatmulFormat, kernel: String,
        errorRows: Int, outliers: (fraction: Double, scale: Float), metrics: ErrorMetrics
    ) -> TrialRecord {
        var parameters: [String: ParameterValue] = [
            "trial": .string(Trial.gemmError.rawValue), "distribution": .string(distribution.rawValue),
            "size": .int(size), "format": .string(format.rawValue), "emulated": .bool(format.isEmulated),
            "kernel": .string(kernel), "error_rows": .int(errorRows),
        ]
        if distribution == .outliers {
            parameters["outlier_fraction"] = .double(outliers.fraction)
            parameters["outlier_scale"] = .double(Double(outliers.scale))
        }
        return TrialRecord(
            parameters: parameters,
            measurements: errorMeasurements(metrics).merging(bytesPerElement(format)) { a, _ in a })
    }

    /// The error energies of one block of measured rows (for bootstrap intervals of the error).
    public static func gemmErrorBlock(
        distribution: MatmulDistribution, size: Int, format: MatmulFormat, block: Int,
        squaredError: Double, squaredReference: Double
    ) -> TrialRecord {
        TrialRecord(
            parameters: [
                "trial": .string(Trial.gemmErrorBlock.rawValue), "distribution": .string(distribution.rawValue),
                "size": .int(size), "format": .string(format.rawValue), "block": .int(block),
            ],
            measurements: [
                "squared_error": Measurement(squaredError),
                "squared_reference": Measurement(squaredReference),
            ])
    }

    /// The phase times of one repeat of one product, end to end = prepare + kernel + readout.
    public static func gemmTime(
        size: Int, format: MatmulFormat, repeat index: Int, kernel: String, implementation: String,
        phases: (prepare: Double, kernel: Double, readout: Double), environment: Environment
    ) -> TrialRecord {
        TrialRecord(
            parameters: [
                "trial": .string(Trial.gemmTime.rawValue), "size": .int(size), "format": .string(format.rawValue),
                "emulated": .bool(format.isEmulated), "instruction": .string(format.instruction.rawValue),
                "kernel": .string(kernel), "implementation": .string(implementation), "repeat": .int(index),
            ].merging(environment.parameters) { a, _ in a },
            measurements: [
                "prepare_seconds": .timing(phases.prepare, unit: "s"),
                "kernel_seconds": .timing(phases.kernel, unit: "s"),
                "readout_seconds": .timing(phases.readout, unit: "s"),
                "end_to_end_seconds": .timing(phases.prepare + phases.kernel + phases.readout, unit: "s"),
                "operations": Measurement(2 * Double(size) * Double(size) * Double(size), unit: "op"),
            ].merging(bytesPerElement(format)) { a, _ in a })
    }

    /// One repeat of a peak GEMM of one instruction type.
    public static func peak(
        instruction: MatmulInstruction, size: Int, repeat index: Int, implementation: String,
        seconds: Double, environment: Environment
    ) -> TrialRecord {
        TrialRecord(
            parameters: [
                "trial": .string(Trial.peak.rawValue), "instruction": .string(instruction.rawValue),
                "size": .int(size), "repeat": .int(index), "implementation": .string(implementation),
            ].merging(environment.parameters) { a, _ in a },
            measurements: [
                "kernel_seconds": .timing(seconds, unit: "s"),
                "operations": Measurement(2 * Double(size) * Double(size) * Double(size), unit: "op"),
            ])
    }

    /// One repeat of a batch-1 GEMV; `cache` is `warm` (repeats back to back) or `cold` (W
    /// evicted from the caches before the repeat).
    public static func gemv(
        rows: Int, columns: Int, weights: String, cache: String, kernel: String, repeat index: Int,
        seconds: Double, weightBytes: Int, environment: Environment
    ) -> TrialRecord {
        TrialRecord(
            parameters: [
                "trial": .string(Trial.gemv.rawValue), "rows": .int(rows), "columns": .int(columns),
                "weights": .string(weights), "cache": .string(cache), "kernel": .string(kernel), "repeat": .int(index),
            ].merging(environment.parameters) { a, _ in a },
            measurements: [
                "kernel_seconds": .timing(seconds, unit: "s"),
                "weight_bytes": Measurement(Double(weightBytes), unit: "bytes"),
            ])
    }

    /// The error of a GEMV's output against the FP64 product of the unquantized weights.
    public static func gemvError(rows: Int, columns: Int, weights: String, metrics: ErrorMetrics) -> TrialRecord {
        TrialRecord(
            parameters: [
                "trial": .string(Trial.gemvError.rawValue), "rows": .int(rows), "columns": .int(columns),
                "weights": .string(weights),
            ],
            measurements: errorMeasurements(metrics))
    }

    /// One repeat of the read-bandwidth probe.
    public static func bandwidth(
        repeat index: Int, seconds: Double, bytes: Int, environment: Environment, during: String? = nil
    ) -> TrialRecord {
        var parameters: [String: ParameterValue] = ["trial": .string(Trial.bandwidth.rawValue), "repeat": .int(index)]
        if let during { parameters["during"] = .string(during) }
        return TrialRecord(
            parameters: parameters.merging(environment.parameters) { a, _ in a },
            measurements: [
                "kernel_seconds": .timing(seconds, unit: "s"),
                "bytes": Measurement(Double(bytes), unit: "bytes"),
            ])
    }

    private static func errorMeasurements(_ m: ErrorMetrics) -> [String: Measurement] {
        [
            "relative_error": Measurement(m.relativeFrobenius),
            "max_abs_error": Measurement(m.maxAbsError),
            "sqnr_db": Measurement(m.sqnrDB, unit: "dB"),
        ]
    }

    private static func bytesPerElement(_ format: MatmulFormat) -> [String: Measurement] {
        [
            "storage_bytes_per_element": Measurement(format.storageBytesPerElement, unit: "bytes"),
            "kernel_bytes_per_element": Measurement(format.kernelBytesPerElement, unit: "bytes"),
        ]
    }
}
