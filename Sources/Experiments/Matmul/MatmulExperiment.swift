public import Records
public import Runner
import Tensor
import Kernels

/// The `matmul` section: error and time of FP16, BF16, FP8, INT8 and INT4 matrix products
/// against FP32 (FP64 reference), and batch-1 GEMV with quantized weights.
///
/// Order of a run (one thread count per process, taken from the context):
/// 1. the peak of each instruction type (`PeakTrial`) and the read bandwidth (`ReadBandwidthProbe`);
/// 2. for each size: inputs from its stream (`MatmulStream.gemmInputs`); for each distribution
///    the FP64 reference and every format's error; for the timed distribution, every format's
///    phase times;
/// 3. the GEMVs, inputs from their stream (`MatmulStream.gemvInputs`).
/// Each size's kernels are created for it and released after it, so at n = 10 000 only one
/// kernel's buffers (≈ 1.2 GB) are alive at a time.
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
        let perSize = parameters.distributions.count * parameters.formats.count + parameters.formats.count
        // Each trial advances the ETA by its expected work: n³ dominates, not the trial count.
        let cost = MatmulCost(parameters: parameters)
        progress.start(total: 2 + parameters.sizes.count * perSize + parameters.gemvShapes.count, cost: cost.total)
        var records: [TrialRecord] = []

        records += try peaks(parameters, context: context, timer: timer, environment: environment)
        progress.advance(cost: cost.peaks, task: "peaks")
        records += bandwidth(parameters, context: context, timer: timer, environment: environment)
        progress.advance(cost: cost.bandwidth, task: "bandwidth")

        for (index, size) in parameters.sizes.enumerated() {
            records += try gemm(size: size, index: index, parameters, context: context, timer: timer, environment: environment)
        }
        for shape in parameters.gemvShapes {
            records += try gemv(rows: shape[0], columns: shape[1], parameters, context: context, timer: timer, environment: environment)
            progress.advance(cost: cost.gemv(rows: shape[0], columns: shape[1]), task: "gemv \(shape[0])×\(shape[1])")
        }
        progress.finish()
        return records
    }

    // MARK: Trial families

    private func peaks(
        _ p: MatmulParameters, context: ExperimentContext, timer: RepeatTimer, environment: MatmulRecord.Dispatch
    ) throws -> [TrialRecord] {
        var rng = context.generator(MatmulStream.peakInputs)
        let inputs = MatmulInputs(size: p.peakSize, distribution: .normal, outlierFraction: 0, outlierScale: 1, using: &rng)
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
        let cost = MatmulCost(parameters: p)
        for distribution in p.distributions {
            // The same stream for every distribution: the outliers are added to the same normal draws.
            var rng = context.generator(MatmulStream.gemmInputs(size: size))
            let inputs = MatmulInputs(
                size: size, distribution: distribution, outlierFraction: p.outlierFraction,
                outlierScale: p.outlierScale, using: &rng)
            let errorTrial = GEMMErrorTrial(inputs: inputs, rows: rows, blocks: p.errorBlocks)
            let timed = distribution == p.timedDistribution
            let timing = GEMMTimingTrial(timer: timer, warmups: p.warmups[index], repeats: p.repeats[index])
            for format in p.formats {
                let contender = try MatmulContender(format: format)
                if timed && p.isTimed(format, size: size) {
                    let phases = try timing.measure(contender, inputs: inputs)
                    records += phases.enumerated().map { r, t in
                        MatmulRecord.gemmTime(
                            size: size, format: format, repeat: r, kernel: contender.kernelLabel,
                            implementation: contender.implementation, phases: t, environment: environment)
                    }
                }
                if timed {
                    context.progress.advance(cost: cost.gemmTime(format, sizeIndex: index), task: "\(format.rawValue) n=\(size) time")
                }
                let (metrics, blocks) = try errorTrial.measure(contender, inputs: inputs)
                records.append(MatmulRecord.gemmError(
                    distribution: distribution, size: size, format: format, kernel: contender.kernelLabel,
                    errorRows: rows?.count ?? size, outliers: (p.outlierFraction, p.outlierScale), metrics: metrics))
                records += blocks.enumerated().map { b, e in
                    MatmulRecord.gemmErrorBlock(
                        distribution: distribution, size: size, format: format, block: b,
                        squaredError: e.squaredError, squaredReference: e.squaredReference)
                }
                context.progress.advance(cost: cost.gemmError(size: size), task: "\(format.rawValue) n=\(size) \(distribution.rawValue)")
            }
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
