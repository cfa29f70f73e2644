public import Records
public import Runner
import Tensor
import Kernels

/// The `matmul` section: error and time of FP16, BF16, FP8, INT8 and INT4 matrix products
/// against FP32 (FP64 reference), and batch-1 GEMV with quantized weights.
///
/// Order of a run (one thread count per process, taken from the context):
/// 1. the peak of each instruction type (`PeakTrial`) and the read bandwidth (`ReadBandwidthProbe`);
/// 2. for each size: inputs from its stream (`MatmulStream.gemmInputs`); for the timed
///    distribution, every timed format's phase times, the formats interleaved within each repeat
///    round; for each distribution the FP64 reference and every format's error;
/// 3. the GEMVs, inputs from their stream (`MatmulStream.gemvInputs`).
/// Each size's kernels are created for it and released after it; while a size is timed every
/// timed format's kernel is alive at once (≈ 7 GB at n = 10 000), so that they can take turns.
public struct MatmulExperiment: Experiment {
    /// What a profile fixes (`MatmulParameters`).
    public typealias Parameters = MatmulParameters

    /// `MatmulSchema.section`.
    public let id = MatmulSchema.section
    /// `Experiments/Matmul`: its fingerprint follows the modules its files import.
    public var sourceFolder: String { "Experiments/Matmul" }

    /// The experiment.
    public init() {}

    /// Every trial, in the order above.
    /// - Throws: `DNNLError` or `KernelInputError` from a kernel.
    public func run(_ parameters: MatmulParameters, context: ExperimentContext) throws -> [TrialRecord] {
        precondition(parameters.repeats.count == parameters.sizes.count && parameters.warmups.count == parameters.sizes.count,
                     "matmul parameters: repeats and warmups must align with sizes")
        let timer = RepeatTimer(clock: context.clock)
        let environment = MatmulRecord.Dispatch(
            isa: DNNLInfo().isa, blasCore: BLASInfo.current.coreName, threads: context.threads)
        let progress = context.progress
        let errorTrials = parameters.sizes.count * parameters.distributions.count * parameters.formats.count
        let timedFormats = parameters.sizes.map { size in parameters.formats.filter { parameters.isTimed($0, size: size) }.count }
        let schemeTrials = parameters.sizes.filter(parameters.schemeSizes.contains).count * parameters.distributions.count
        progress.start(total: 2 + errorTrials + timedFormats.reduce(0, +) + schemeTrials + parameters.gemvShapes.count)
        var records: [TrialRecord] = []

        records += isaRates(parameters, context: context, environment: environment)
        records += try peaks(parameters, context: context, timer: timer, environment: environment)
        progress.advance(task: "peaks")
        records += bandwidth(parameters, context: context, timer: timer, environment: environment)
        progress.advance(task: "bandwidth")

        for (index, size) in parameters.sizes.enumerated() {
            records += try gemm(size: size, index: index, parameters, context: context, timer: timer, environment: environment)
        }
        for shape in parameters.gemvShapes {
            records += try gemv(rows: shape[0], columns: shape[1], parameters, context: context, timer: timer, environment: environment)
            progress.advance(task: "gemv \(shape[0])×\(shape[1])")
        }
        progress.finish()
        return records
    }

    // MARK: Trial families

    /// The ISA ceiling: per round the clock, then each instruction's rate on every thread.
    private func isaRates(_ p: MatmulParameters, context: ExperimentContext, environment: MatmulRecord.Dispatch) -> [TrialRecord] {
        var records: [TrialRecord] = []
        for round in 0..<p.isaRounds {
            let clock = InstructionRateProbe.clockHertz(threads: context.threads, rounds: p.isaIterations * 5 / 2)
            for instruction in MatmulInstruction.allCases {
                let probe = InstructionRateProbe.Instruction(rawValue: instruction.rawValue)!
                guard let rate = InstructionRateProbe.rate(probe, threads: context.threads, iterations: p.isaIterations) else { continue }
                records.append(MatmulRecord.isaRate(
                    instruction: instruction, repeat: round, clockHertz: clock, operationsPerSecond: rate, environment: environment))
            }
        }
        return records
    }

    private func peaks(
        _ p: MatmulParameters, context: ExperimentContext, timer: RepeatTimer, environment: MatmulRecord.Dispatch
    ) throws -> [TrialRecord] {
        var rng = context.generator(MatmulStream.peakInputs)
        let inputs = MatmulInputs(size: p.peakSize, distribution: .normal, outliers: p.outliers, channelColumns: [], using: &rng)
        let trial = PeakTrial(timer: timer, size: p.peakSize, repeats: p.peakRepeats)
        return try MatmulInstruction.allCases.flatMap { instruction in
            let (seconds, implementation) = try trial.measure(instruction, inputs: inputs)
            return seconds.enumerated().map { r, s in
                MatmulRecord.peak(instruction: instruction, size: p.peakSize, repeat: r, implementation: implementation,
                                  seconds: s, environment: environment)
            }
        }
    }

    private func bandwidth(
        _ p: MatmulParameters, context: ExperimentContext, timer: RepeatTimer, environment: MatmulRecord.Dispatch
    ) -> [TrialRecord] {
        let probe = ReadBandwidthProbe(mebibytes: p.bandwidthMebibytes, threads: context.threads)
        var sum: Float = 0
        let seconds = timer.repeated(warmups: 1, repeats: p.bandwidthRepeats) { timer.seconds { sum += probe.run() } }
        precondition(sum > 0, "bandwidth probe: the sum of ones must be positive")
        return seconds.enumerated().map { r, s in
            MatmulRecord.bandwidth(repeat: r, seconds: s, bytes: probe.bytes, environment: environment)
        }
    }

    private func gemm(
        size: Int, index: Int, _ p: MatmulParameters, context: ExperimentContext, timer: RepeatTimer,
        environment: MatmulRecord.Dispatch
    ) throws -> [TrialRecord] {
        var records: [TrialRecord] = []
        let rows = p.errorRows(size: size)
        var columnStream = context.generator(MatmulStream.channelColumns(size: size))
        var order = Array(0..<size)
        columnStream.shuffle(&order)
        let channelColumns = order.prefix(p.outliers.channelCount(size: size)).sorted()
        for distribution in p.distributions {
            // The same stream for every distribution: the outliers are added to the same normal draws.
            var rng = context.generator(MatmulStream.gemmInputs(size: size))
            let inputs = MatmulInputs(size: size, distribution: distribution, outliers: p.outliers, channelColumns: channelColumns, using: &rng)
            if distribution == p.timedDistribution {
                records += try time(size: size, index: index, inputs: inputs, p, context: context, timer: timer, environment: environment)
            }
            let errorTrial = GEMMErrorTrial(inputs: inputs, rows: rows, blocks: p.errorBlocks)
            let outlierCount = inputs.outlierMask.lazy.filter { $0 }.count
            for format in p.formats {
                let contender = try MatmulContender(format: format)
                let (metrics, blocks) = try errorTrial.measure(contender, inputs: inputs)
                records.append(MatmulRecord.gemmError(
                    distribution: distribution, size: size, format: format, kernel: contender.kernelLabel,
                    errorRows: rows?.count ?? size, outliers: p.outliers, outlierCount: outlierCount, metrics: metrics))
                records += blocks.enumerated().map { b, e in
                    MatmulRecord.gemmErrorBlock(
                        distribution: distribution, size: size, format: format, block: b,
                        squaredError: e.squaredError, squaredReference: e.squaredReference)
                }
                context.progress.advance(task: "\(format.rawValue) n=\(size) \(distribution.rawValue)")
            }
            if p.schemeSizes.contains(size) {
                var calibrationStream = context.generator(MatmulStream.calibrationInputs(size: size))
                let batch = MatmulInputs(size: size, distribution: distribution, outliers: p.outliers, channelColumns: channelColumns, using: &calibrationStream)
                let calibrationRows = min(size, p.calibrationRows)
                let trial = ActivationSchemeTrial(
                    reference: errorTrial, calibration: batch.a.rows(at: Array(0..<calibrationRows)))
                for scheme in p.activationSchemes {
                    let outcome = try trial.measure(scheme, inputs: inputs)
                    records.append(MatmulRecord.gemmScheme(
                        distribution: distribution, size: size, scheme: scheme, errorRows: rows?.count ?? size,
                        calibrationRows: calibrationRows, outcome: outcome))
                }
                context.progress.advance(task: "schemes n=\(size) \(distribution.rawValue)")
            }
        }
        return records
    }

    /// Every timed format at `size`, interleaved: in each round each format runs once, in an
    /// order rotated by one per round, so a slow phase of the machine (this one has a state
    /// about 2× slower that comes and goes) falls on every format alike instead of on whichever
    /// was timed while it lasted. Warm-up rounds run the same way and are discarded.
    private func time(
        size: Int, index: Int, inputs: MatmulInputs, _ p: MatmulParameters, context: ExperimentContext,
        timer: RepeatTimer, environment: MatmulRecord.Dispatch
    ) throws -> [TrialRecord] {
        let formats = p.formats.filter { p.isTimed($0, size: size) }
        let contenders = try formats.map { try MatmulContender(format: $0) }
        let trial = GEMMTimingTrial(timer: timer)
        var phases = [[GEMMTimingTrial.Phases]](repeating: [], count: formats.count)
        for round in 0..<(p.warmups[index] + p.repeats[index]) {
            for k in formats.indices {
                let f = (k + round) % formats.count
                let measured = try trial.measure(contenders[f], inputs: inputs)
                if round >= p.warmups[index] { phases[f].append(measured) }
            }
        }
        var records: [TrialRecord] = []
        for (f, format) in formats.enumerated() {
            records += phases[f].enumerated().map { r, t in
                MatmulRecord.gemmTime(
                    size: size, format: format, repeat: r, kernel: contenders[f].kernelLabel,
                    implementation: contenders[f].implementation, phases: t, environment: environment)
            }
            context.progress.advance(task: "\(format.rawValue) n=\(size) time")
        }
        return records
    }

    private func gemv(
        rows: Int, columns: Int, _ p: MatmulParameters, context: ExperimentContext, timer: RepeatTimer,
        environment: MatmulRecord.Dispatch
    ) throws -> [TrialRecord] {
        var rng = context.generator(MatmulStream.gemvInputs(rows: rows, columns: columns))
        let w = Tensor.normal(shape: [rows, columns], using: &rng)
        let x = Tensor.normal(shape: [columns], using: &rng).storage
        let reference = GEMVTrial.reference(w: w, x: x)
        let trial = GEMVTrial(
            timer: timer, repeats: p.gemvRepeats, threads: context.threads, int4GroupSize: p.int4GroupSize,
            evictionMebibytes: p.gemvEvictionMebibytes)
        var records: [TrialRecord] = []
        for result in try trial.measure(w: w, x: x, reference: reference) {
            let format = result.weights
            for (cache, seconds) in [("warm", result.warm), ("cold", result.cold)] {
                records += seconds.enumerated().map { r, s in
                    MatmulRecord.gemv(rows: rows, columns: columns, weights: format, cache: cache, kernel: result.kernel,
                                      repeat: r, seconds: s, weightBytes: result.weightBytes, environment: environment)
                }
            }
            records += result.evictionReads.enumerated().map { r, s in
                MatmulRecord.bandwidth(repeat: r, seconds: s, bytes: trial.eviction.bytes, environment: environment,
                                       during: "gemv \(rows)×\(columns) \(format)")
            }
            records.append(MatmulRecord.gemvError(rows: rows, columns: columns, weights: format, metrics: result.error))
        }
        return records
    }
}
