import Tensor

/// The diabetes regression table of Efron, Hastie, Johnstone & Tibshirani, "Least Angle
/// Regression" (2004): 442 patients, 10 baseline variables, and a disease-progression target
/// one year later. scikit-learn's raw (unscaled) files.
public enum Diabetes {
    /// The features: 442 lines of 10 space-separated numbers.
    public static let featuresFileName = "diabetes_data_raw.csv"
    /// The targets: 442 lines of one number.
    public static let targetsFileName = "diabetes_target.csv"
    /// The column names of the original study (s1–s6 are blood serum measurements).
    public static let featureNames = ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"]

    /// Loads X (442 × 10) and y (442).
    /// - Parameter paths: where `make data` put the files.
    /// - Throws: `DataFileError` when a file is missing, a row is malformed, or the two files
    ///   disagree on the number of rows.
    public static func load(from paths: DataPaths = DataPaths()) throws -> RegressionData {
        let columns = featureNames.count
        let x = try DelimitedText(contentsOf: paths.file(featuresFileName)).numericTable(separator: .whitespace, columns: columns)
        let targetsPath = paths.file(targetsFileName)
        let y = try DelimitedText(contentsOf: targetsPath).numericTable(separator: .whitespace, columns: 1)
        guard x.rows == y.rows else {
            throw DataFileError(file: targetsPath, problem: "\(y.rows) targets for \(x.rows) feature rows; run make data")
        }
        return RegressionData(
            features: Matrix64(rows: x.rows, cols: columns, storage: x.values), targets: y.values,
            featureNames: featureNames)
    }
}
