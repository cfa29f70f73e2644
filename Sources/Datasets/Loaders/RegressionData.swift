public import Tensor

/// A regression table: features X (one row per sample) and targets y, in FP64.
///
/// FP64 because the linear-regression chapter fits its reference in FP64 (LAPACK); convert
/// with `Tensor(features)` for FP32 work.
public struct RegressionData: Equatable, Sendable {
    /// X, `samples × features`.
    public let features: Matrix64
    /// y, one per sample.
    public let targets: [Double]
    /// A name per feature column.
    public let featureNames: [String]
    /// Rows of the file dropped for missing values (0 when the file has none).
    public let droppedRows: Int

    /// Creates a table.
    /// - Precondition: one target per row and one name per column.
    public init(features: Matrix64, targets: [Double], featureNames: [String], droppedRows: Int = 0) {
        precondition(features.rows == targets.count, "RegressionData: \(features.rows) rows, \(targets.count) targets")
        precondition(features.cols == featureNames.count, "RegressionData: \(features.cols) columns, \(featureNames.count) names")
        self.features = features
        self.targets = targets
        self.featureNames = featureNames
        self.droppedRows = droppedRows
    }

    /// Number of samples.
    public var count: Int { targets.count }

    /// The samples at `indices`, in that order (a split or a fold).
    public func subset(_ indices: [Int]) -> RegressionData {
        RegressionData(
            features: features.rows(at: indices), targets: indices.map { targets[$0] },
            featureNames: featureNames, droppedRows: droppedRows)
    }
}
