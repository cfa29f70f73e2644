import Foundation
import Testing
import Records
import Runner

/// `meta.json` keeps every part of the fingerprint, so a stored run can be judged fresh or stale.
@Suite struct MetaTests {
    @Test func metaRoundTrip() throws {
        let fingerprint = Fingerprint(
            profile: .quick, seed: 3, parameters: .object(["sizes": .array([.int(1), .int(2)]), "scale": .double(0.5)]),
            inputs: ["raw/a.csv": "ab"], sources: ["Sources/X/Y.swift": "cd"])
        let meta = RunMeta(
            section: "demo", status: .failed, error: "boom", fingerprint: fingerprint, threads: 2,
            start: Date(timeIntervalSince1970: 1_700_000_000), end: Date(timeIntervalSince1970: 1_700_000_003),
            durationSeconds: 3.25, trials: 0, trialsSHA256: nil,
            environment: Environment(cpuModel: "cpu", cpuFlags: ["avx2"], cores: 2, os: "os", swiftCompiler: "Swift 6.3",
                                     openBLAS: "b", oneDNN: "d", openBLASCoreTypeVariable: "unset"),
            git: GitInfo(commit: "abc", dirty: true))
        let back = try RunMeta(jsonText: meta.jsonText, source: "meta.json")
        #expect(back == meta)
        #expect(back.startTime == "2023-11-14T22:13:20Z")
        #expect(back.fingerprintParts.digest == fingerprint.digest, "stored parts reproduce the digest")
    }
}
