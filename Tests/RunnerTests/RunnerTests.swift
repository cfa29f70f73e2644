import Foundation
import Testing
@testable import Records
@testable import Runner

@Suite struct RunnerTests {
    @Test func runWritesTrialsCSVAndMeta() throws {
        let temp = try TemporaryWorkspace()
        let meta = try temp.runner().run(NormalSums())
        #expect(meta.status == .ok && meta.trials == 4 && meta.seed == 7 && meta.profile == .quick)
        let directory = temp.workspace.directory(of: "normalsums", profile: .quick)
        #expect(try directory.meta() == meta)
        #expect(try directory.trials().count == 4)
        #expect(try temp.read("data/results/quick/normalsums/trials.csv").hasPrefix("n,repeat,scale,mean,sum,time_ms\n10,0,1.0,"))
        #expect(meta.inputs.keys.sorted() == ["input.txt"])
        #expect(meta.sources?.keys.sorted() == ["Sources/NormalSums/NormalSums.swift"])
        #expect(temp.runner().status(of: NormalSums()).state == .fresh)
    }

    @Test func sameSeedSameTrialsApartFromTimings() throws {
        func nonTiming(seed: UInt64) throws -> String {
            let temp = try TemporaryWorkspace()
            try temp.runner(seed: seed).run(NormalSums())
            let trials = try temp.workspace.directory(of: "normalsums", profile: .quick).trials()
            return TrialsJSONL.text(of: trials.map(\.withoutTimings))
        }
        let a = try nonTiming(seed: 11)
        #expect(try nonTiming(seed: 11) == a)
        #expect(try nonTiming(seed: 12) != a)
    }

    /// Each change marks the section stale for exactly that reason, and nothing else does.
    @Test func fingerprintChangesExactlyWithItsParts() throws {
        let temp = try TemporaryWorkspace()
        let base = NormalSums()
        try temp.runner().run(base)
        let digest = temp.runner().currentFingerprint(of: base).fingerprint.digest
        #expect(temp.runner().currentFingerprint(of: base).fingerprint.digest == digest, "stable")

        func reasons(_ runner: SectionRunner, _ experiment: NormalSums = NormalSums()) -> [StaleReason] {
            #expect(runner.currentFingerprint(of: experiment).fingerprint.digest != digest)
            guard case .stale(let r) = runner.status(of: experiment).state else { return [] }
            return r
        }
        #expect(reasons(temp.runner(), NormalSums(counts: [10, 200])) == [.parameters(["counts"])])
        #expect(reasons(temp.runner(seed: 8)) == [.seed(from: 7, to: 8)])
        #expect(temp.runner(profile: .full).status(of: base).state == .missing, "each profile keeps its own results")

        try temp.write("data/raw/input.txt", "input 2\n")
        #expect(reasons(temp.runner()) == [.inputs(["input.txt"])])
        try temp.write("data/raw/input.txt", "input 1\n")
        #expect(temp.runner().status(of: base).state == .fresh, "restored input: fresh again")

        try temp.write("Sources/NormalSums/NormalSums.swift", "// version 2\n")
        #expect(reasons(temp.runner()) == [.code(["Sources/NormalSums/NormalSums.swift"])])
        #expect(temp.runner().status(of: base).state.description
            == "stale: code changed (Sources/NormalSums/NormalSums.swift)")
    }

    @Test func missingSourcesAreNotedNotHidden() throws {
        let temp = try TemporaryWorkspace()
        let experiment = NormalSums(sourceFolder: "NotThere")
        let (fingerprint, notes) = temp.runner().currentFingerprint(of: experiment)
        #expect(fingerprint.sources == nil)
        #expect(notes.count == 1 && notes[0].contains("code changes are not detected"))
    }

    /// A module the section's code imports is part of its fingerprint, with the modules that
    /// module depends on in `Package.swift`; an unrelated module is not.
    @Test func importedModulesAreFingerprintedThroughTheGraph() throws {
        let temp = try TemporaryWorkspace()
        try temp.write("Package.swift", """
            targets: [
                .target(name: "Deep"),
                .target(name: "Helper", dependencies: ["Deep"]),
                .target(name: "Unrelated"),
                .target(name: "NormalSums", dependencies: ["Helper"]),
            ]
            """)
        try temp.write("Sources/NormalSums/NormalSums.swift", "import Foundation\nimport Helper\n")
        for module in ["Deep", "Helper", "Unrelated"] { try temp.write("Sources/\(module)/\(module).swift", "// 1\n") }
        try temp.runner().run(NormalSums())
        try temp.write("Sources/Unrelated/Unrelated.swift", "// 2\n")
        #expect(temp.runner().status(of: NormalSums()).state == .fresh)
        try temp.write("Sources/Deep/Deep.swift", "// 2\n")
        #expect(temp.runner().status(of: NormalSums()).state == .stale([.code(["Sources/Deep/Deep.swift"])]))
    }

    @Test func failedRunKeepsPreviousGoodResults() throws {
        let temp = try TemporaryWorkspace()
        try temp.runner().run(NormalSums())
        let trials = try temp.read("data/results/quick/normalsums/trials.jsonl")
        let meta = try temp.read("data/results/quick/normalsums/meta.json")

        let failed = try temp.runner(seed: 99).run(NormalSums(fails: true))
        #expect(failed.status == .failed && failed.error == "normalsums: simulated failure")
        #expect(try temp.read("data/results/quick/normalsums/trials.jsonl") == trials)
        #expect(try temp.read("data/results/quick/normalsums/meta.json") == meta)
        let status = temp.runner().status(of: NormalSums())
        #expect(status.state == .failed(error: "normalsums: simulated failure"))
        #expect(status.lastGood?.seed == 7 && status.lastFailure?.seed == 99)

        try temp.runner().run(NormalSums())
        #expect(!temp.exists("data/results/quick/normalsums/meta.failed.json"), "a good run clears the failure")
        #expect(temp.runner().status(of: NormalSums()).state == .fresh)
    }

    @Test func missingInputFailsWithOneLine() throws {
        let temp = try TemporaryWorkspace()
        let meta = try temp.runner().run(NormalSums(inputs: ["absent.csv"]))
        let error = try #require(meta.error)
        #expect(error == temp.root.path + "/data/raw/absent.csv: missing; run make data")
        #expect(temp.runner().status(of: NormalSums()).state == .failed(error: error))
    }

    @Test func damagedTrialsAreStale() throws {
        let temp = try TemporaryWorkspace()
        try temp.runner().run(NormalSums())
        try temp.write("data/results/quick/normalsums/trials.jsonl", "")
        #expect(temp.runner().status(of: NormalSums()).state
            == .stale([.damaged("trials.jsonl does not match meta.json")]))
    }

    @Test func summaryLineAndListing() throws {
        let temp = try TemporaryWorkspace()
        let recording = RecordingOutput()
        try temp.runner(output: recording.output(isTerminal: false)).run(NormalSums())
        let last = try #require(recording.lines.last)
        #expect(last.hasPrefix("normalsums: 4 trials in "))
        #expect(last.contains("→ data/results/quick/normalsums (profile quick, seed 7, fingerprint "))
        let listing = SectionListing.text([temp.runner(seed: 8).status(of: NormalSums())])
        #expect(listing.hasPrefix("section     state  last run"))
        #expect(listing.contains("stale  ") && listing.hasSuffix("seed changed (7 → 8)\n"))
        #expect(SectionListing.text([]) == "no sections are registered yet\n")
    }
}

@Suite struct RerunPolicyTests {
    @Test func staleRerunsOnlyWhatChanged() throws {
        let temp = try TemporaryWorkspace()
        let a = NormalSums(id: "a"), b = NormalSums(id: "b", counts: [5])
        let first = try temp.runner().update([a, b], policy: .stale)
        #expect(first.map(\.rerun) == [true, true])
        #expect(first.map(\.before.state) == [.missing, .missing])
        #expect(first.map(\.after.state) == [.fresh, .fresh])

        let again = try temp.runner().update([a, NormalSums(id: "b", counts: [6])], policy: .stale)
        #expect(again.map(\.rerun) == [false, true], "only the section whose parameters changed reruns")
        #expect(try temp.runner().update([a, b], policy: .none).map(\.rerun) == [false, false])
        #expect(try temp.runner().update([a], policy: .all).map(\.rerun) == [true])
    }

    @Test func failedSectionDoesNotStopTheOthers() throws {
        let temp = try TemporaryWorkspace()
        let outcomes = try temp.runner().update([NormalSums(id: "bad", fails: true), NormalSums(id: "good")], policy: .stale)
        #expect(outcomes.map(\.after.state.name) == ["failed", "fresh"])
    }
}
