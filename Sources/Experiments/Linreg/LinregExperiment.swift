public import Records
public import Runner

/// The `linreg` section: linear regression under quantized training arithmetic, weights and
/// inputs, and PTQ against QAT (issue 6).
///
/// Four families of trials, told apart by the `family` parameter of each record (`LinregSchema`
/// lists every family and key):
/// `arithmetic` (`ArithmeticTrials`), `ptq-weights` (`WeightPTQTrials`), `input-quantization`
/// (`InputQuantizationTrials`) and `qat` with its training curves `qat-epoch` (`QATTrials`);
/// plus one `dataset` record per table
/// (rows, features, rows dropped for missing values). Every number is fixed by the profile
/// and the seed; nothing is timed.
public struct LinregExperiment: Experiment {
    /// The experiment.
    public init() {}

    /// `LinregSchema.section`.
    public var id: String { LinregSchema.section }

    /// The files of every `LinregDataset`.
    public var inputs: [String] {
        LinregDataset.allCases.flatMap(\.files)
    }

    /// `Experiments/Linreg`: its fingerprint follows the modules its files import.
    public var sourceFolder: String { "Experiments/Linreg" }

    /// Every family's trials, in order: datasets, arithmetic, weight PTQ, inputs, QAT.
    /// - Throws: `DataFileError` for a missing or malformed input; `LAPACKError` (not expected).
    public func run(_ parameters: LinregParameters, context: ExperimentContext) throws -> [TrialRecord] {
        let plan = try FoldPlan(parameters, context: context)
        context.progress.start(
            total: parameters.kappas.count * parameters.syntheticSeeds + plan.entries.count, task: "linreg")
        var records = plan.datasetRecords
        records += try ArithmeticTrials(parameters: parameters, context: context).run()
        records += try WeightPTQTrials(parameters: parameters, plan: plan).run()
        records += try InputQuantizationTrials(parameters: parameters, plan: plan).run()
        records += QATTrials(parameters: parameters, plan: plan, context: context).run()
        context.progress.finish()
        return records
    }
}
