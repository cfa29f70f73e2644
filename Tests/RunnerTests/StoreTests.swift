import Foundation
import Testing
@testable import Records
@testable import Runner

@Suite struct StoreTests {
    @Test func atomicWriteLeavesOldFileOnFailure() throws {
        let temp = try TemporaryWorkspace()
        let url = temp.root.appendingPathComponent("out/out.txt")
        try AtomicFile.write("old\n", to: url)
        struct Simulated: Error {}
        #expect(throws: ResultsError.io(path: "x", operation: "write", errno: 5)) {
            try AtomicFile.write(to: url) { sink throws(ResultsError) in
                try sink.append("new, half written")
                throw ResultsError.io(path: "x", operation: "write", errno: 5)
            }
        }
        #expect(try temp.read("out/out.txt") == "old\n")
        let names = try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)
        #expect(names == ["out.txt"], "no temporary file left behind")
    }

    /// Bytes that are not UTF-8 (a PNG signature, say) arrive unchanged.
    @Test func atomicWriteOfBytesKeepsThemAsTheyAre() throws {
        let temp = try TemporaryWorkspace()
        let url = temp.root.appendingPathComponent("figures/figure.png")
        let bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0xFF, 0xC3]
        try AtomicFile.write(bytes, to: url)
        #expect(try Array(Data(contentsOf: url)) == bytes)
        let names = try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)
        #expect(names == ["figure.png"], "no temporary file left behind")
    }

    @Test func secondLockHolderIsToldThePid() throws {
        let temp = try TemporaryWorkspace()
        let directory = temp.workspace.directory(of: "demo", profile: .quick)
        var first: ResultsLock? = try directory.lock(wait: false)
        do {
            _ = try directory.lock(wait: false)
            Issue.record("second lock was granted while the first was held")
        } catch {
            #expect(error.description.hasPrefix("data/results/quick/demo/.lock: results locked by pid \(getpid()) since "))
        }
        #expect(throws: ResultsError.self, "a run waits for nobody by default") {
            try temp.runner().run(NormalSums(id: "demo"))
        }
        // Releasing the first lock (its deinit) must free the directory for the next run.
        withExtendedLifetime(first) {}
        first = nil
        #expect(throws: Never.self, "the lock is free once its holder is gone") { _ = try directory.lock(wait: false) }
    }

    /// A kill at any point of a commit leaves either the whole old set or the whole new set.
    @Test func interruptedCommitIsAllOrNothing() throws {
        let temp = try TemporaryWorkspace()
        let directory = temp.workspace.directory(of: "demo", profile: .quick)
        try directory.commit([("trials.jsonl", "old trials\n"), ("meta.json", "old meta\n")])
        let new = [("trials.jsonl", "new trials\n"), ("meta.json", "new meta\n")]

        try directory.commit(new, stoppingAt: .beforeJournal)
        #expect(try directory.read("trials.jsonl") == "old trials\n", "killed before the journal: old set")
        #expect(try directory.read("meta.json") == "old meta\n")

        try directory.commit(new, stoppingAt: .afterRenames(1))
        #expect(try temp.read("data/results/quick/demo/trials.jsonl") == "new trials\n")
        #expect(try temp.read("data/results/quick/demo/meta.json") == "old meta\n", "the rename of meta.json is still due")
        #expect(try directory.read("meta.json") == "new meta\n", "but readers follow the journal")

        try directory.recover()
        #expect(try temp.read("data/results/quick/demo/meta.json") == "new meta\n")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.url.path).sorted()
        #expect(names == ["meta.json", "trials.jsonl"], "journal and pending files cleaned up")
    }
}
