import Foundation
import Datasets
public import Records

/// Runs experiments into the result store and tells which stored results are still fresh.
///
/// One run: take the folder's lock, finish any interrupted commit, fingerprint (parameters,
/// profile, seed, input and source checksums), run the experiment, then commit
/// `trials.jsonl`, `trials.csv` and `meta.json` together; on failure write only
/// `meta.failed.json`. One summary line per section goes to the progress output.
public struct SectionRunner: Sendable {
    /// Where inputs, sources and results are.
    public let workspace: Workspace
    /// The profile runs use and freshness is judged against.
    public let profile: Profile
    /// The seed runs use and freshness is judged against.
    public let seed: UInt64
    /// Threads given to experiments (recorded in meta).
    public let threads: Int
    /// Wait for another run holding a section's lock instead of failing at once.
    public let waitForLock: Bool
    /// Where progress and summary lines go.
    public let output: ProgressOutput

    /// A runner; `output` is standard error unless a test records it.
    public init(
        workspace: Workspace, profile: Profile, seed: UInt64, threads: Int, waitForLock: Bool = false,
        output: ProgressOutput = .standardError
    ) {
        self.workspace = workspace
        self.profile = profile
        self.seed = seed
        self.threads = threads
        self.waitForLock = waitForLock
        self.output = output
    }

    // MARK: Fingerprints and freshness

    /// The fingerprint `experiment` would have if run now, with caveats (missing sources).
    public func currentFingerprint(of experiment: some Experiment) -> (fingerprint: Fingerprint, notes: [String]) {
        var inputs: [String: String] = [:]
        for input in experiment.inputs {
            inputs[input] = (try? SHA256.hex(ofFile: workspace.dataPaths.file(input))) ?? "missing"
        }
        return fingerprint(of: experiment, inputs: inputs)
    }

    /// The fingerprint of `experiment` with the given input checksums (by name under `data/raw/`).
    func fingerprint(of experiment: some Experiment, inputs: [String: String]) -> (fingerprint: Fingerprint, notes: [String]) {
        let parameters = (try? SectionRunner.canonicalJSON(experiment.parameters(for: profile))) ?? .null
        let sources = ModuleGraph.load(packageRoot: workspace.root)
            .flatMap { $0.sourcePaths(of: experiment.sourceFolder, in: workspace.sourcesDirectory) }
            .flatMap { SourceHashes.of($0, in: workspace.sourcesDirectory) }
        let notes = sources == nil
            ? ["sources not found under \(workspace.sourcesDirectory.path); code changes are not detected"] : []
        return (Fingerprint(profile: profile, seed: seed, parameters: parameters, inputs: inputs, sources: sources), notes)
    }

    /// Whether the stored results of `experiment` are fresh, stale, missing or failed.
    public func status(of experiment: some Experiment) -> SectionStatus {
        let directory = workspace.directory(of: experiment.id, profile: profile)
        let (current, notes) = currentFingerprint(of: experiment)
        var problems: [StaleReason] = []
        let good: RunMeta?
        do { good = try directory.meta() } catch {
            good = nil
            problems.append(.damaged(error.description))
        }
        let failure = try? directory.failedMeta()
        var reasons = problems
        if let good {
            reasons += current.changes(since: good.fingerprintParts)
            if let stored = good.trialsSHA256, (try? directory.trialsSHA256()) != stored {
                reasons.append(.damaged("\(ResultDirectory.trialsJSONL) does not match \(ResultDirectory.meta)"))
            }
        }
        let state: SectionStatus.State
        if let failure, good == nil || failure.startTime >= good!.startTime {
            state = .failed(error: failure.error ?? "unknown error")
        } else if good == nil {
            state = problems.isEmpty ? .missing : .stale(problems)
        } else {
            state = reasons.isEmpty ? .fresh : .stale(reasons)
        }
        return SectionStatus(
            section: experiment.id, state: state, lastGood: good, lastFailure: failure, staleReasons: reasons,
            notes: notes)
    }

    // MARK: Running

    /// Checks the inputs `experiment` reads before it runs, and returns their checksums.
    ///
    /// When the workspace has a `data/MANIFEST`, each input must match the SHA-256 its
    /// `extracted` line records (`DataPaths.verifiedChecksums(of:against:)`): a truncated or
    /// edited file stops the run with `data/raw/NAME: sha256 mismatch (…); … run make data`.
    /// Without a manifest (a scratch workspace of the tests) the inputs need only exist.
    /// - Returns: the checksums that were verified, by name; the run's fingerprint uses them.
    /// - Throws: `DataFileError` naming the first missing, unlisted or mismatched file.
    public func verifiedInputs(of experiment: some Experiment) throws -> [String: String] {
        let checksums: [InputChecksum]
        if FileManager.default.fileExists(atPath: workspace.manifestFile.path) {
            let manifest = try Manifest(contentsOf: workspace.manifestFile.path)
            checksums = try workspace.dataPaths.verifiedChecksums(of: experiment.inputs, against: manifest)
        } else {
            try workspace.dataPaths.requireFiles(experiment.inputs)
            checksums = try workspace.dataPaths.checksums(of: experiment.inputs)
        }
        return Dictionary(checksums.map { ($0.file, $0.sha256) }, uniquingKeysWith: { first, _ in first })
    }

    /// Runs `experiment` now and stores its results.
    /// - Returns: the run's meta; `status == .failed` when the experiment threw (its error is
    ///   in the meta, on stderr, and the previous good results are untouched).
    /// - Throws: `ResultsError` when the results folder cannot be locked or written.
    @discardableResult
    public func run(_ experiment: some Experiment) throws(ResultsError) -> RunMeta {
        let directory = workspace.directory(of: experiment.id, profile: profile)
        let progress = ProgressReporter(label: experiment.id, output: output)
        let lock = try directory.lock(wait: waitForLock) { holder in
            progress.summary("\(experiment.id): waiting for the results lock, held by \(holder)")
        }
        defer { withExtendedLifetime(lock) {} }
        try directory.recover()

        let startDate = Date()
        let clock = ContinuousClock()
        let start = clock.now
        // The inputs are verified first; the fingerprint records the very checksums that were
        // verified, so the stored fingerprint describes the bytes the experiment read.
        let verified = Result { try verifiedInputs(of: experiment) }
        let (fingerprint, notes) = switch verified {
        case .success(let inputs): self.fingerprint(of: experiment, inputs: inputs)
        case .failure: currentFingerprint(of: experiment)
        }
        for note in notes { progress.summary("\(experiment.id): note: \(note)") }
        let checkpoints = CheckpointCache(
            directory: workspace.cacheDirectory(of: experiment.id, profile: profile),
            sources: workspace.sourcesDirectory, graph: ModuleGraph.load(packageRoot: workspace.root),
            profile: profile, seed: seed, inputs: (try? verified.get()) ?? [:]
        ) { line in progress.summary("\(experiment.id): \(line)") }
        let context = ExperimentContext(
            seed: seed, profile: profile, threads: threads, dataPaths: workspace.dataPaths,
            progress: progress, clock: clock, checkpoints: checkpoints)

        let outcome = Result<[TrialRecord], any Error> {
            _ = try verified.get()
            return try experiment.run(experiment.parameters(for: profile), context: context)
        }
        progress.finish()
        let seconds = (clock.now - start).seconds
        let environment = Environment.current()
        let git = GitInfo.current(at: workspace.root)

        switch outcome {
        case .success(let trials):
            let jsonl = TrialsJSONL.text(of: trials)
            let meta = RunMeta(
                section: experiment.id, status: .ok, error: nil, fingerprint: fingerprint, threads: threads,
                start: startDate, end: Date(), durationSeconds: seconds, trials: trials.count,
                trialsSHA256: SHA256.hex(ofText: jsonl), environment: environment, git: git)
            try directory.commit([
                (ResultDirectory.trialsJSONL, jsonl),
                (ResultDirectory.trialsCSV, TrialsCSV.text(of: trials)),
                (ResultDirectory.meta, meta.jsonText),
            ])
            progress.summary(
                "\(experiment.id): \(trials.count) trials in \(SectionRunner.durationText(seconds)) → "
                    + "\(directory.displayPath) (profile \(profile), seed \(seed), fingerprint \(meta.fingerprint.prefix(12)))")
            return meta
        case .failure(let error):
            let text = String(describing: error)
            let meta = RunMeta(
                section: experiment.id, status: .failed, error: text, fingerprint: fingerprint, threads: threads,
                start: startDate, end: Date(), durationSeconds: seconds, trials: 0, trialsSHA256: nil,
                environment: environment, git: git)
            try directory.recordFailure(meta)
            progress.summary(
                "\(experiment.id): FAILED after \(SectionRunner.durationText(seconds)): \(text); "
                    + "previous results kept, failure recorded in \(directory.displayPath)/\(ResultDirectory.failedMeta)")
            return meta
        }
    }

    /// Encodes parameters to canonical JSON: Foundation encodes (keys sorted), our parser reads
    /// it back so integers and doubles stay apart from here on.
    static func canonicalJSON(_ value: some Encodable) throws -> JSONValue {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try JSONValue(parsing: String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// `0.42 s`, `12.3 s`, `4m05s`.
    public static func durationText(_ seconds: Double) -> String {
        if seconds < 10 { return String(format: "%.2f s", seconds) }
        if seconds < 60 { return String(format: "%.1f s", seconds) }
        return ProgressReporter.clockText(seconds)
    }
}
