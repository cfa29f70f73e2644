public import Datasets

/// The real regression tables of the chapter.
public enum LinregDataset: String, Codable, CaseIterable, Sendable {
    /// Diabetes progression (442 × 10; Efron et al., 2004).
    case diabetes
    /// Auto MPG (392 × 7 after dropping rows with missing values; Quinlan, 1993).
    case autompg

    /// The files read, relative to the raw-data directory.
    public var files: [String] {
        switch self {
        case .diabetes: [Diabetes.featuresFileName, Diabetes.targetsFileName]
        case .autompg: [AutoMPG.fileName]
        }
    }

    /// The target's unit in records: disease progression is a unitless score.
    public var targetUnit: String {
        switch self {
        case .diabetes: ""
        case .autompg: "mpg"
        }
    }

    /// Loads the table.
    /// - Throws: `DataFileError` when a file is missing or malformed (`…: missing; run make data`).
    public func load(from paths: DataPaths) throws -> RegressionData {
        switch self {
        case .diabetes: try Diabetes.load(from: paths)
        case .autompg: try AutoMPG.load(from: paths)
        }
    }
}
