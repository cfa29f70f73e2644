public import Records
import Runner
public import QuantCore

/// The builders of each trial family of the matmul section's records, in the vocabulary of
/// `MatmulSchema` (which lists every family with its parameters and measurements). Times are
/// in seconds (`s`), marked as timings; everything else is fixed by profile and seed.
public enum MatmulRecord {
    private typealias Parameter = MatmulSchema.Parameter
    private typealias Metric = MatmulSchema.Metric

    /// Where a timing ran: dispatched ISA, OpenBLAS core and thread count.
    public struct Dispatch: Sendable, Equatable {
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

        var parameters: [MatmulSchema.Parameter: ParameterValue] {
            [.isa: .string(isa), .blasCore: .string(blasCore), .threads: .int(threads)]
        }
    }

    /// The error of one product against its FP64 reference; records of the outlier
    /// distributions carry the outliers' fraction, factor and the count of outlier entries of A.
    public static func gemmError(
        distribution: MatmulDistribution, size: Int, format: MatmulFormat, kernel: String,
        errorRows: Int, outliers: MatmulOutliers, outlierCount: Int, metrics: ErrorMetrics
    ) -> TrialRecord {
        var parameters: [Parameter: ParameterValue] = [
            .distribution: ParameterValue(distribution), .size: .int(size), .format: ParameterValue(format),
            .emulated: .bool(format.isEmulated), .kernel: .string(kernel), .errorRows: .int(errorRows),
        ]
        parameters.merge(outlierParameters(distribution, outliers, count: outlierCount)) { a, _ in a }
        return MatmulSchema.record(
            .gemmError, parameters, errorMeasurements(metrics).merging(bytesPerElement(format)) { a, _ in a })
    }

    /// The error of an INT8 product under one activation scheme for outliers.
    static func gemmScheme(
        distribution: MatmulDistribution, size: Int, scheme: ActivationScheme, errorRows: Int, calibrationRows: Int,
        outcome: ActivationSchemeTrial.Outcome
    ) -> TrialRecord {
        var parameters: [Parameter: ParameterValue] = [
            .distribution: ParameterValue(distribution), .size: .int(size), .scheme: .string(scheme.name),
            .errorRows: .int(errorRows),
        ]
        switch scheme {
        case .smoothQuant(let alpha): parameters[.alpha] = .double(alpha)
        case .llmInt8(let threshold): parameters[.threshold] = .double(Double(threshold))
        case .calibrated(let method):
            parameters[.calibrationRows] = .int(calibrationRows)
            if case .percentile(let p) = method { parameters[.percentile] = .double(p) }
        default: break
        }
        var measurements = errorMeasurements(outcome.metrics)
        measurements[.inlierRelativeError] = Measurement(outcome.inlierError)
        if let share = outcome.keptColumnShare { measurements[.keptColumnShare] = Measurement(share) }
        return MatmulSchema.record(.gemmScheme, parameters, measurements)
    }

    private static func outlierParameters(_ distribution: MatmulDistribution, _ o: MatmulOutliers, count: Int) -> [Parameter: ParameterValue] {
        switch distribution {
        case .normal: [:]
        case .outliers: [.outlierFraction: .double(o.scatteredFraction), .outlierScale: .double(Double(o.scatteredScale)), .outlierCount: .int(count)]
        case .channels: [.outlierFraction: .double(o.channelFraction), .outlierScale: .double(Double(o.channelScale)), .outlierCount: .int(count)]
        }
    }

    /// The error energies of one block of measured rows (for bootstrap intervals of the error).
    public static func gemmErrorBlock(
        distribution: MatmulDistribution, size: Int, format: MatmulFormat, block: Int,
        squaredError: Double, squaredReference: Double
    ) -> TrialRecord {
        MatmulSchema.record(
            .gemmErrorBlock,
            [.distribution: ParameterValue(distribution), .size: .int(size), .format: ParameterValue(format), .block: .int(block)],
            [.squaredError: Measurement(squaredError), .squaredReference: Measurement(squaredReference)])
    }

    /// The phase times of one repeat of one product: end to end = prepare + kernel + read-out
    /// (both operands converted on the call), per call = prepare A + kernel + read-out (the
    /// weights B converted once beforehand).
    static func gemmTime(
        size: Int, format: MatmulFormat, repeat index: Int, kernel: String, implementation: String,
        phases: GEMMTimingTrial.Phases, environment: Dispatch
    ) -> TrialRecord {
        MatmulSchema.record(
            .gemmTime,
            [
                .size: .int(size), .format: ParameterValue(format), .emulated: .bool(format.isEmulated),
                .instruction: ParameterValue(format.instruction), .kernel: .string(kernel),
                .implementation: .string(implementation), .repeatIndex: .int(index),
            ].merging(environment.parameters) { a, _ in a },
            [
                .prepareSeconds: .timing(phases.prepare, unit: "s"),
                .prepareSourceSeconds: .timing(phases.prepareSource, unit: "s"),
                .kernelSeconds: .timing(phases.kernel, unit: "s"),
                .readoutSeconds: .timing(phases.readout, unit: "s"),
                .endToEndSeconds: .timing(phases.prepare + phases.kernel + phases.readout, unit: "s"),
                .perCallSeconds: .timing(phases.prepareSource + phases.kernel + phases.readout, unit: "s"),
                .operations: Measurement(2 * Double(size) * Double(size) * Double(size), unit: "op"),
            ].merging(bytesPerElement(format)) { a, _ in a })
    }

    /// One round of the instruction-rate probe for one instruction.
    public static func isaRate(
        instruction: MatmulInstruction, repeat index: Int, clockHertz: Double, operationsPerSecond: Double, environment: Dispatch
    ) -> TrialRecord {
        MatmulSchema.record(
            .isaRate,
            [.instruction: ParameterValue(instruction), .repeatIndex: .int(index)].merging(environment.parameters) { a, _ in a },
            [.clockHz: .timing(clockHertz, unit: "Hz"), .operationsPerSecond: .timing(operationsPerSecond, unit: "op/s")])
    }

    /// One repeat of a peak GEMM of one instruction type.
    public static func peak(
        instruction: MatmulInstruction, size: Int, repeat index: Int, implementation: String,
        seconds: Double, environment: Dispatch
    ) -> TrialRecord {
        MatmulSchema.record(
            .peak,
            [
                .instruction: ParameterValue(instruction), .size: .int(size), .repeatIndex: .int(index),
                .implementation: .string(implementation),
            ].merging(environment.parameters) { a, _ in a },
            [
                .kernelSeconds: .timing(seconds, unit: "s"),
                .operations: Measurement(2 * Double(size) * Double(size) * Double(size), unit: "op"),
            ])
    }

    /// One repeat of a batch-1 GEMV; `cache` is `warm` (repeats back to back) or `cold` (W
    /// evicted from the caches before the repeat).
    public static func gemv(
        rows: Int, columns: Int, weights: String, cache: String, kernel: String, repeat index: Int,
        seconds: Double, weightBytes: Int, environment: Dispatch
    ) -> TrialRecord {
        MatmulSchema.record(
            .gemv,
            [
                .rows: .int(rows), .columns: .int(columns), .weights: .string(weights), .cache: .string(cache),
                .kernel: .string(kernel), .repeatIndex: .int(index),
            ].merging(environment.parameters) { a, _ in a },
            [
                .kernelSeconds: .timing(seconds, unit: "s"),
                .weightBytes: Measurement(Double(weightBytes), unit: "bytes"),
            ])
    }

    /// The error of a GEMV's output against the FP64 product of the unquantized weights.
    public static func gemvError(rows: Int, columns: Int, weights: String, metrics: ErrorMetrics) -> TrialRecord {
        MatmulSchema.record(
            .gemvError, [.rows: .int(rows), .columns: .int(columns), .weights: .string(weights)],
            errorMeasurements(metrics))
    }

    /// One repeat of the read-bandwidth probe.
    public static func bandwidth(
        repeat index: Int, seconds: Double, bytes: Int, environment: Dispatch, during: String? = nil
    ) -> TrialRecord {
        var parameters: [Parameter: ParameterValue] = [.repeatIndex: .int(index)]
        if let during { parameters[.during] = .string(during) }
        return MatmulSchema.record(
            .bandwidth, parameters.merging(environment.parameters) { a, _ in a },
            [.kernelSeconds: .timing(seconds, unit: "s"), .bytes: Measurement(Double(bytes), unit: "bytes")])
    }

    private static func errorMeasurements(_ m: ErrorMetrics) -> [Metric: Measurement] {
        [
            .relativeError: Measurement(m.relativeFrobenius),
            .maxAbsError: Measurement(m.maxAbsError),
            .sqnrDB: Measurement(m.sqnrDB, unit: "dB"),
        ]
    }

    private static func bytesPerElement(_ format: MatmulFormat) -> [Metric: Measurement] {
        [
            .storageBytesPerElement: Measurement(format.storageBytesPerElement, unit: "bytes"),
            .kernelBytesPerElement: Measurement(format.kernelBytesPerElement, unit: "bytes"),
        ]
    }
}
