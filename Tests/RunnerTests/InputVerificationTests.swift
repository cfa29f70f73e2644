import Datasets
import Foundation
import Testing
@testable import Records
@testable import Runner

/// Issue 16, case 1: a run checks the inputs it reads against `data/MANIFEST` first, and its
/// fingerprint records the checksums it verified.
@Suite struct InputVerificationTests {
    static let good = "input 1\n"

    /// A workspace whose manifest pins `input.txt` as extracted from a (fictitious) package.
    func workspace() throws -> TemporaryWorkspace {
        let temp = try TemporaryWorkspace()
        let sha = SHA256.hex(of: SHA256.hash(Array(Self.good.utf8)))
        try temp.write("data/MANIFEST", """
            # name\tpackage\tversion\tpip-args\tfile\tsha256\tlicence\textract
            p\tp\t1.0\twheel\tp-1.0.whl\t\(String(repeating: "ab", count: 32))\tMIT\tp/input.txt>input.txt
            extracted\tinput.txt\t\(sha)

            """)
        return temp
    }

    @Test func verifiedChecksumIsTheFingerprintInput() throws {
        let temp = try workspace()
        let meta = try temp.runner().run(NormalSums())
        #expect(meta.status == .ok)
        #expect(meta.inputs == ["input.txt": SHA256.hex(of: SHA256.hash(Array(Self.good.utf8)))])
        #expect(temp.runner().status(of: NormalSums()).state == .fresh)
    }

    @Test(arguments: [("truncated", "inp"), ("one byte changed", "input 2\n")])
    func changedInputStopsTheRun(label: String, contents: String) throws {
        let temp = try workspace()
        let good = try temp.runner().run(NormalSums())
        try temp.write("data/raw/input.txt", contents)
        #expect(temp.runner().status(of: NormalSums()).state == .stale([.inputs(["input.txt"])]), "\(label)")

        let failed = try temp.runner().run(NormalSums())
        #expect(failed.status == .failed, "\(label)")
        let error = try #require(failed.error)
        #expect(error.hasPrefix(temp.root.path + "/data/raw/input.txt: sha256 mismatch (expected "), "\(label): \(error)")
        #expect(error.hasSuffix("; the file was changed or damaged; run make data") && !error.contains("\n"), "\(label)")
        #expect(try temp.workspace.directory(of: "normalsums", profile: .quick).meta() == good, "previous results kept")
    }

    @Test func inputMissingFromTheManifestIsRefused() throws {
        let temp = try workspace()
        try temp.write("data/raw/other.txt", "x\n")
        let meta = try temp.runner().run(NormalSums(inputs: ["other.txt"]))
        #expect(meta.error == temp.root.path + "/data/raw/other.txt: no sha256 recorded in data/MANIFEST; add its extracted line")
    }
}
