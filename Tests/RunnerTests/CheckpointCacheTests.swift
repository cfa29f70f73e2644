import Foundation
import Synchronization
import Testing
@testable import Records
@testable import Runner

/// A cache over a throw-away package whose `Trainer` target depends on `Maths`, with one
/// section file that trains; notices are collected.
private final class CacheFixture {
    let temporary: TemporaryWorkspace
    /// Shared with the cache's notice closure, which must be `Sendable`.
    let notices = Notices()

    final class Notices: Sendable {
        private let lines = Mutex<[String]>([])
        func append(_ line: String) { lines.withLock { $0.append(line) } }
        var all: [String] { lines.withLock { $0 } }
    }

    init() throws {
        temporary = try TemporaryWorkspace()
        try temporary.write("Sources/Maths/Maths.swift", "// maths 1\n")
        try temporary.write("Sources/Trainer/Trainer.swift", "import Maths\n")
        try temporary.write("Sources/Section/Training.swift", "// training 1\n")
        try temporary.write("Sources/Section/Evaluation.swift", "// evaluation 1\n")
    }

    func cache(seed: UInt64 = 1, inputs: [String: String] = ["digits.csv": "abc"], profile: Profile = .quick) -> CheckpointCache {
        let graph = ModuleGraph(manifest: #"targets: [.target(name: "Maths"), .target(name: "Trainer", dependencies: ["Maths"])]"#)
        return CheckpointCache(
            directory: temporary.workspace.cacheDirectory(of: "section", profile: profile), sources: temporary.workspace.sourcesDirectory,
            graph: graph, profile: profile, seed: seed, inputs: inputs
        ) { [notices] line in notices.append(line) }
    }

    func key(_ cache: CheckpointCache, epochs: Int = 3, name: String = "model-seed-0") -> String? {
        cache.key(name: name, parameters: ["epochs": epochs], modules: ["Trainer"], files: ["Section/Training.swift"])
    }
}

private let entry = CheckpointCache.Entry(
    checkpoint: Array("weights".utf8),
    records: [TrialRecord(parameters: ["epoch": .int(1)], measurements: ["loss": Measurement(0.25)])],
    seconds: 1.5)

@Suite struct CheckpointCacheTests {
    /// A stored entry comes back as it was, and `value` loads it instead of training.
    @Test func hit() throws {
        let f = try CacheFixture()
        let cache = f.cache()
        var trainings = 0
        let train = { () -> (value: Int, entry: CheckpointCache.Entry) in trainings += 1; return (7, entry) }
        let first = try cache.value(key: f.key(cache), decode: { _ in 7 }, train: train)
        let second = try cache.value(key: f.key(cache), decode: { $0.checkpoint.count }, train: train)
        #expect(first.origin == .trained && second.origin == .loaded && trainings == 1)
        #expect(second.entry == entry && second.value == entry.checkpoint.count)
        #expect(f.notices.all.isEmpty)
    }

    /// Every part of the key changes it: name, parameters, seed, profile, inputs, a training
    /// source file, a module the trainer depends on; a file that does not train leaves it.
    @Test func missOnAnyKeyChange() throws {
        let f = try CacheFixture()
        let base = try #require(f.key(f.cache()))
        var keys = [
            f.key(f.cache(), epochs: 4), f.key(f.cache(), name: "model-seed-1"), f.key(f.cache(seed: 2)),
            f.key(f.cache(profile: .full)), f.key(f.cache(inputs: ["digits.csv": "abd"])),
        ]
        try f.temporary.write("Sources/Section/Training.swift", "// training 2\n")
        keys.append(f.key(f.cache()))
        try f.temporary.write("Sources/Section/Training.swift", "// training 1\n")
        try f.temporary.write("Sources/Maths/Maths.swift", "// maths 2\n")
        keys.append(f.key(f.cache()))
        try f.temporary.write("Sources/Maths/Maths.swift", "// maths 1\n")
        try f.temporary.write("Sources/Section/Evaluation.swift", "// evaluation 2\n")
        #expect(f.key(f.cache()) == base, "evaluation code is not part of the key")
        for (i, key) in keys.enumerated() { #expect(key != nil && key != base, "change \(i)") }
        #expect(Set(keys).count == keys.count)
        try f.temporary.write("Sources/Section/Training.swift", "// training 1\n")
        let cache = f.cache()
        try cache.store(entry, key: base)
        #expect(cache.load(key: try #require(keys[0])) == nil, "another key misses")
    }

    /// A damaged checkpoint, a damaged sidecar and an entry the caller cannot decode are each
    /// trained again with one notice naming the file, and the new entry replaces the damaged one.
    @Test func damagedEntryIsRetrained() throws {
        let f = try CacheFixture()
        let cache = f.cache()
        let key = try #require(f.key(cache))
        let (checkpoint, sidecar) = cache.urls(key)
        var trainings = 0
        let train = { () -> (value: Int, entry: CheckpointCache.Entry) in trainings += 1; return (1, entry) }
        try cache.store(entry, key: key)
        try Data("weightz".utf8).write(to: checkpoint)
        #expect(try cache.value(key: key, decode: { _ in 1 }, train: train).origin == .trained)
        #expect(cache.load(key: key) == entry, "retraining stored a good entry")
        try Data("{\"seconds\":".utf8).write(to: sidecar)
        #expect(try cache.value(key: key, decode: { _ in 1 }, train: train).origin == .trained)
        struct Refused: Error {}
        #expect(try cache.value(key: key, decode: { _ -> Int in throw Refused() }, train: train).origin == .trained)
        #expect(trainings == 3)
        let notices = f.notices.all
        #expect(notices.count == 3)
        #expect(notices.allSatisfy { $0.contains("data/cache/quick/section/\(key).safetensors") && !$0.contains("\n") })
        #expect(notices[0].contains("checksum mismatch"))
    }

    /// Without sources there is no key, and every call trains.
    @Test func noSourcesNoCache() throws {
        let cache = CheckpointCache(
            directory: FileManager.default.temporaryDirectory, sources: nil, graph: nil, profile: .quick, seed: 1, inputs: [:]
        ) { _ in }
        #expect(cache.key(name: "m", parameters: [1], modules: [], files: []) == nil)
        #expect(try cache.value(key: nil, decode: { _ in 0 }, train: { (1, entry) }).origin == .trained)
    }
}
