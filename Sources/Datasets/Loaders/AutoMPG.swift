import Tensor

/// The Auto MPG table (UCI; Quinlan, 1993): fuel consumption of 1970s–80s cars, mlxtend's
/// `autompg.csv`.
///
/// Comma-separated columns: cylinders, displacement, horsepower, weight, acceleration, model
/// year, origin, car name, mpg. The target is mpg; the features are the seven numeric columns
/// (origin, coded 1–3, kept as a number). A row with a missing numeric value (`?` or empty) is
/// dropped and counted in `droppedRows`; mlxtend's copy has none left (392 rows).
public enum AutoMPG {
    /// The file under the data root.
    public static let fileName = "autompg.csv"
    /// The feature columns, in file order.
    public static let featureNames = [
        "cylinders", "displacement", "horsepower", "weight", "acceleration", "model year", "origin",
    ]

    /// Loads X (n × 7) and y (mpg).
    /// - Parameter paths: where `make data` put the file.
    /// - Throws: `DataFileError` when the file is missing, a row does not have 9 columns, or a
    ///   value is neither a number nor missing.
    public static func load(from paths: DataPaths = DataPaths()) throws -> RegressionData {
        let text = try DelimitedText(contentsOf: paths.file(fileName))
        let nameColumn = 7, targetColumn = 8
        let numericColumns = Array(0..<nameColumn) + [targetColumn]
        var features: [Double] = []
        var targets: [Double] = []
        var dropped = 0
        try text.forEachRow(separator: .comma) { row in
            try row.requireCount(9)
            if numericColumns.contains(where: { ["", "?"].contains(row.text($0)) }) {
                dropped += 1
                return
            }
            for column in 0..<nameColumn { features.append(try row.number(column)) }
            targets.append(try row.number(targetColumn))
        }
        guard !targets.isEmpty else { throw DataFileError(file: text.file, problem: "no complete rows; run make data") }
        return RegressionData(
            features: Matrix64(rows: targets.count, cols: featureNames.count, storage: features), targets: targets,
            featureNames: featureNames, droppedRows: dropped)
    }
}
