public import Foundation

/// One section's results folder, `data/results/<section>/`, and how it changes safely.
///
/// Files: `trials.jsonl`, `trials.csv` and `meta.json` from the last good run, and
/// `meta.failed.json` when a later run failed. A failed run writes only `meta.failed.json`, so
/// it never replaces good trials; a good run removes it.
///
/// A good run replaces three files as one step with a small journal:
/// 1. each new file is written atomically as `.<name>.pending`;
/// 2. the journal `.commit` (the list of names) is written atomically — the commit point;
/// 3. each pending file is renamed over its name, then the journal is removed.
/// Killed before step 2, the old files stand and the pending ones are garbage; killed after,
/// the journal says which pending files are the current ones, readers use them, and the next
/// writer (`recover()`, under the lock) finishes the renames. Readers need no lock.
public struct ResultDirectory: Sendable {
    /// The folder.
    public let url: URL
    /// The folder as shown in messages, e.g. `data/results/matmul`.
    public let displayPath: String

    /// One canonical JSON trial record per line.
    public static let trialsJSONL = "trials.jsonl"
    /// The same trials as a tidy table.
    public static let trialsCSV = "trials.csv"
    /// The last good run's `RunMeta`.
    public static let meta = "meta.json"
    /// The `RunMeta` of a failed run after the last good one.
    public static let failedMeta = "meta.failed.json"
    static let journal = ".commit"

    /// The folder at `url`, shown as `displayPath`.
    public init(url: URL, displayPath: String) {
        self.url = url
        self.displayPath = displayPath
    }

    /// Takes the folder's lock (see `ResultsLock.acquire`).
    public func lock(wait: Bool, onWait: (String) -> Void = { _ in }) throws(ResultsError) -> ResultsLock {
        try ResultsLock.acquire(url, displayPath: displayPath, wait: wait, onWait: onWait)
    }

    // MARK: Reading

    /// The last good run's meta, or `nil` when the section never succeeded.
    public func meta() throws(ResultsError) -> RunMeta? {
        guard let text = try read(ResultDirectory.meta) else { return nil }
        return try RunMeta(jsonText: text, source: shown(ResultDirectory.meta))
    }

    /// The meta of a failed run after the last good one, or `nil`.
    public func failedMeta() throws(ResultsError) -> RunMeta? {
        guard let text = try read(ResultDirectory.failedMeta) else { return nil }
        return try RunMeta(jsonText: text, source: shown(ResultDirectory.failedMeta))
    }

    /// The last good run's trials (empty when there are none).
    public func trials() throws(ResultsError) -> [TrialRecord] {
        guard let text = try read(ResultDirectory.trialsJSONL) else { return [] }
        return try TrialsJSONL.records(from: text, source: shown(ResultDirectory.trialsJSONL))
    }

    /// The text of a file as the last completed commit left it, or `nil` when missing.
    public func read(_ name: String) throws(ResultsError) -> String? {
        let url = effectiveURL(name)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do { return try String(contentsOf: url, encoding: .utf8) } catch {
            throw .malformed(path: shown(name), detail: "unreadable (\(error.localizedDescription))")
        }
    }

    /// `.<name>.pending` when a committed journal lists `name` and the rename is still due, else `name`.
    private func effectiveURL(_ name: String) -> URL {
        let pending = pendingURL(name)
        if journalNames().contains(name), FileManager.default.fileExists(atPath: pending.path) { return pending }
        return url.appendingPathComponent(name)
    }

    // MARK: Writing (under the lock)

    /// Replaces the good results with `files` (name → text) as one step: see the type's comment.
    public func commit(_ files: [(name: String, text: String)]) throws(ResultsError) {
        try commit(files, stoppingAt: nil)
    }

    /// Where `commit` can be made to stop, to test what a kill at that point leaves.
    enum CommitStop { case beforeJournal, afterRenames(Int) }

    func commit(_ files: [(name: String, text: String)], stoppingAt stop: CommitStop?) throws(ResultsError) {
        try recover()
        for file in files { try AtomicFile.write(file.text, to: pendingURL(file.name)) }
        if case .beforeJournal? = stop { return }
        try AtomicFile.write(files.map { $0.name + "\n" }.joined(), to: url.appendingPathComponent(ResultDirectory.journal))
        for (i, file) in files.enumerated() {
            if case .afterRenames(let n)? = stop, i == n { return }
            try Syscalls.rename(pendingURL(file.name).path, url.appendingPathComponent(file.name).path)
        }
        try Syscalls.unlink(url.appendingPathComponent(ResultDirectory.journal).path)
        try Syscalls.unlink(url.appendingPathComponent(ResultDirectory.failedMeta).path)
    }

    /// Records a failed run without touching the good results.
    public func recordFailure(_ meta: RunMeta) throws(ResultsError) {
        try AtomicFile.write(meta.jsonText, to: url.appendingPathComponent(ResultDirectory.failedMeta))
    }

    /// Finishes a commit a killed run left behind, or discards its uncommitted pending files.
    public func recover() throws(ResultsError) {
        let names = journalNames()
        for name in names where FileManager.default.fileExists(atPath: pendingURL(name).path) {
            try Syscalls.rename(pendingURL(name).path, url.appendingPathComponent(name).path)
        }
        if !names.isEmpty {
            try Syscalls.unlink(url.appendingPathComponent(ResultDirectory.journal).path)
            try Syscalls.unlink(url.appendingPathComponent(ResultDirectory.failedMeta).path)
        }
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        for name in leftovers where name.hasPrefix(".") && (name.hasSuffix(".pending") || name.contains(".tmp-")) {
            try Syscalls.unlink(url.appendingPathComponent(name).path)
        }
    }

    private func journalNames() -> [String] {
        let text = (try? String(contentsOf: url.appendingPathComponent(ResultDirectory.journal), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }

    private func pendingURL(_ name: String) -> URL { url.appendingPathComponent(".\(name).pending") }

    private func shown(_ name: String) -> String { displayPath + "/" + name }
}
