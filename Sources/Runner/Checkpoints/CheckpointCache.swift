public import Foundation
import Datasets
public import Records

/// A store of trained checkpoints that outlives result folders: a report rebuild, or a rerun
/// after an analysis-only change, loads the trained weights instead of training again.
///
/// An entry is found by a key, the digest of a `Fingerprint` of everything that determines the
/// trained weights (the same SHA-256 over canonical text that judges a section stale):
/// ```
/// key = Fingerprint(profile, run seed, parameters: { name, training parameters },
///                   input checksums, SHA-256 of every source file that trains).digest
/// ```
/// The sources are the modules named (with their dependencies in `Package.swift`, as the
/// section fingerprint reads them) and the single files named, so a change to the code that
/// trains changes the key, and a change to code that only evaluates does not.
///
/// Each entry is two files under `data/cache/<profile>/<section>/`, written together atomically
/// (`AtomicFile`): `<key>.safetensors`, the checkpoint, and `<key>.json`, the training's own
/// trial records, its wall time and the checkpoint's SHA-256. A read verifies that checksum; a
/// damaged or unreadable entry is reported in one line and trained again. Without sources (a
/// binary away from its package) nothing is cached: every call trains.
public struct CheckpointCache: Sendable {
    /// What a training leaves behind.
    public struct Entry: Sendable, Equatable {
        /// The checkpoint, safetensors bytes.
        public var checkpoint: [UInt8]
        /// The trials the training recorded (e.g. one per epoch).
        public var records: [TrialRecord]
        /// Wall time of the training, in seconds.
        public var seconds: Double

        /// An entry from its parts.
        public init(checkpoint: [UInt8], records: [TrialRecord], seconds: Double) {
            self.checkpoint = checkpoint
            self.records = records
            self.seconds = seconds
        }
    }

    /// Whether a checkpoint was trained in this run or loaded from the cache (a record parameter).
    public enum Origin: String, Sendable {
        /// Trained now (and stored).
        case trained
        /// Loaded from the cache.
        case loaded
    }

    /// `data/cache/<profile>/<section>/`.
    public let directory: URL
    private let sources: URL?
    private let graph: ModuleGraph?
    private let profile: Profile
    private let seed: UInt64
    private let inputs: [String: String]
    private let notice: @Sendable (String) -> Void

    /// A cache in `directory`.
    /// - Parameters:
    ///   - sources: the `Sources/` folder whose files go into keys; `nil` disables caching.
    ///   - graph: the package's module graph; `nil` disables caching.
    ///   - profile, seed: the run's, part of every key.
    ///   - inputs: the verified input checksums by file name, part of every key.
    ///   - notice: where the one-line notice of a damaged entry goes (the section's progress output).
    public init(
        directory: URL, sources: URL?, graph: ModuleGraph?, profile: Profile, seed: UInt64, inputs: [String: String],
        notice: @escaping @Sendable (String) -> Void
    ) {
        self.directory = directory
        self.sources = sources
        self.graph = graph
        self.profile = profile
        self.seed = seed
        self.inputs = inputs
        self.notice = notice
    }

    /// The key of a training, or `nil` when its sources cannot be read (then nothing is cached).
    /// - Parameters:
    ///   - name: what is trained, e.g. `cnn-seed-0`.
    ///   - parameters: every training setting (epochs, batch size, learning rate, split, seed …).
    ///   - modules: targets whose sources train (with their dependencies), e.g. `["NN", "Datasets"]`.
    ///   - files: single source files (under `Sources/`) that train, e.g. `Experiments/Vision/VisionTraining.swift`.
    public func key(name: String, parameters: some Encodable, modules: [String], files: [String]) -> String? {
        guard let sources, let graph, let hashes = SourceHashes.of(graph.closure(of: modules).sorted() + files, in: sources),
              let settings = try? SectionRunner.canonicalJSON(parameters) else { return nil }
        let fingerprint = Fingerprint(
            profile: profile, seed: seed, parameters: .object(["name": .string(name), "training": settings]),
            inputs: inputs, sources: hashes)
        return fingerprint.digest
    }

    /// The entry stored under `key`, verified; `nil` when there is none or it is damaged (then
    /// with a one-line notice).
    public func load(key: String) -> Entry? {
        let (checkpointURL, sidecarURL) = urls(key)
        guard FileManager.default.fileExists(atPath: sidecarURL.path) || FileManager.default.fileExists(atPath: checkpointURL.path) else {
            return nil
        }
        do {
            let sidecar = try JSONDecoder().decode(Sidecar.self, from: Data(contentsOf: sidecarURL))
            let checkpoint = [UInt8](try Data(contentsOf: checkpointURL))
            guard SHA256.hex(of: SHA256.hash(checkpoint)) == sidecar.checkpointSHA256 else {
                throw ResultsError.malformed(path: displayPath(checkpointURL), detail: "checksum mismatch")
            }
            let records = try TrialsJSONL.records(from: sidecar.trials, source: displayPath(sidecarURL))
            return Entry(checkpoint: checkpoint, records: records, seconds: sidecar.seconds)
        } catch {
            damaged(key, "\(error)")
            return nil
        }
    }

    /// Stores `entry` under `key`, both files in one atomic step.
    /// - Throws: `ResultsError` when the cache folder cannot be written.
    public func store(_ entry: Entry, key: String) throws(ResultsError) {
        let (checkpointURL, sidecarURL) = urls(key)
        let sidecar = Sidecar(
            checkpointSHA256: SHA256.hex(of: SHA256.hash(entry.checkpoint)), seconds: entry.seconds,
            trials: TrialsJSONL.text(of: entry.records))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let json = try? encoder.encode(sidecar) else {
            throw ResultsError.malformed(path: displayPath(sidecarURL), detail: "cannot encode the cache entry")
        }
        try AtomicFile.write([(sidecarURL, [UInt8](json)), (checkpointURL, entry.checkpoint)])
    }

    /// The value of a training under `key`: decoded from the cache when a verified entry is
    /// there, otherwise trained and stored. `key == nil` always trains.
    /// - Parameters:
    ///   - decode: turns a stored entry into the value; an entry it refuses counts as damaged.
    ///   - train: trains, returning the value and the entry to store.
    /// - Returns: the value, the entry (stored or new) and where it came from.
    /// - Throws: what `train` throws, or `ResultsError` when the entry cannot be stored.
    public func value<T>(
        key: String?, decode: (Entry) throws -> T, train: () throws -> (value: T, entry: Entry)
    ) throws -> (value: T, entry: Entry, origin: Origin) {
        if let key, let entry = load(key: key) {
            do { return (try decode(entry), entry, .loaded) } catch { damaged(key, "\(error)") }
        }
        let (value, entry) = try train()
        if let key { try store(entry, key: key) }
        return (value, entry, .trained)
    }

    /// The checkpoint and sidecar files of `key`.
    func urls(_ key: String) -> (checkpoint: URL, sidecar: URL) {
        (directory.appendingPathComponent(key + ".safetensors"), directory.appendingPathComponent(key + ".json"))
    }

    private func damaged(_ key: String, _ reason: String) {
        notice("checkpoint cache entry \(displayPath(urls(key).checkpoint)) is damaged (\(reason)); training again")
    }

    /// `data/cache/…/<file>`: the path from the workspace root, so no machine path is printed.
    private func displayPath(_ url: URL) -> String {
        let parts = url.pathComponents
        guard let start = parts.lastIndex(of: "cache"), start > 0, parts[start - 1] == "data" else { return url.lastPathComponent }
        return parts[(start - 1)...].joined(separator: "/")
    }

    /// The `<key>.json` file.
    private struct Sidecar: Codable {
        var checkpointSHA256: String
        var seconds: Double
        var trials: String
    }
}
