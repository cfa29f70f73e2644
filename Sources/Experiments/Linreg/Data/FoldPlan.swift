import Datasets
import Records
import Runner

/// The k-fold splits of the real datasets that the PTQ, input and QAT families share, each
/// with its FP64 least-squares reference fit.
struct FoldPlan {
    /// One fold of one repeat of one dataset.
    struct Entry {
        let dataset: LinregDataset
        let repeatIndex: Int
        let foldIndex: Int
        let fold: RegressionFold
        /// The FP64 QR fit on the fold's standardised training rows.
        let reference: LinearModel

        /// The parameters that identify the fold in every record.
        var parameters: [LinregSchema.Parameter: ParameterValue] {
            [.dataset: ParameterValue(dataset), .repeatIndex: .int(repeatIndex), .fold: .int(foldIndex)]
        }
    }

    let entries: [Entry]
    /// One record per dataset (`family = dataset`): `rows` used, `features`, `droppedRows`
    /// (rows removed for missing values).
    let datasetRecords: [TrialRecord]

    /// Loads every dataset and splits it `repeats` times into `folds` folds; each partition
    /// has its own generator stream, so adding a dataset or repeat changes no other split.
    /// - Throws: `DataFileError` for a missing or malformed file; `LAPACKError` for a
    ///   rank-deficient training part.
    init(_ parameters: LinregParameters, context: ExperimentContext) throws {
        var entries: [Entry] = []
        var datasetRecords: [TrialRecord] = []
        for name in parameters.datasets {
            guard let dataset = LinregDataset(rawValue: name) else { preconditionFailure("linreg: unknown dataset \(name)") }
            let data = try dataset.load(from: context.dataPaths)
            datasetRecords.append(LinregSchema.record(
                .dataset, [.dataset: ParameterValue(dataset)],
                [
                    .rows: Measurement(Double(data.count)), .features: Measurement(Double(data.features.cols)),
                    .droppedRows: Measurement(Double(data.droppedRows)),
                ]))
            for r in 0..<parameters.repeats {
                var rng = context.generator(
                    LinregStream.folds(datasetIndex: LinregDataset.allCases.firstIndex(of: dataset)!, repeatIndex: r))
                let kfold = KFold(count: data.count, k: parameters.folds, using: &rng)
                for f in 0..<kfold.k {
                    let fold = RegressionFold(data, split: kfold.split(f))
                    entries.append(Entry(
                        dataset: dataset, repeatIndex: r, foldIndex: f, fold: fold,
                        reference: try LinearModel.leastSquares(fold.trainX, fold.trainY)))
                }
            }
        }
        self.entries = entries
        self.datasetRecords = datasetRecords
    }
}
