/// 1797 handwritten digits (8 × 8, intensities 0–16): scikit-learn's `digits.csv`, the UCI
/// "Optical Recognition of Handwritten Digits" test set.
///
/// Each line holds 64 pixels (row-major) and then the label 0–9.
public enum Digits {
    /// The file under the data root.
    public static let fileName = "digits.csv"

    /// Loads the images `[1797, 1, 8, 8]` in [0, 1] (pixels divided by 16) and their labels.
    /// - Parameter paths: where `make data` put the file.
    /// - Throws: `DataFileError` when the file is missing or a row is malformed.
    public static func load(from paths: DataPaths = DataPaths()) throws -> LabeledImages {
        try LabeledImages.parse(
            DelimitedText(contentsOf: paths.file(fileName)), side: 8, maxPixel: 16, classCount: 10)
    }
}
