public import Foundation

/// The `meta.json` of a run: what ran, with what, where, when, and how it ended.
///
/// A successful run writes it as `meta.json` next to its trials; a failed run writes it as
/// `meta.failed.json` and leaves the previous good files in place (see `ResultDirectory`).
public struct RunMeta: Codable, Equatable, Sendable {
    /// How a run ended.
    public enum Status: String, Codable, Sendable {
        case ok
        case failed
    }

    /// The section id.
    public var section: String
    /// `ok` or `failed`.
    public var status: Status
    /// The one-line error of a failed run.
    public var error: String?
    /// `Fingerprint.digest` of the run.
    public var fingerprint: String
    /// The profile run.
    public var profile: Profile
    /// The seed used.
    public var seed: UInt64
    /// Threads the experiment was given.
    public var threads: Int
    /// The resolved parameters (canonical JSON).
    public var parameters: JSONValue
    /// SHA-256 of the canonical parameter JSON.
    public var parametersSHA256: String
    /// SHA-256 of each input read, by name under `data/raw/`.
    public var inputs: [String: String]
    /// SHA-256 of each source file the section runs; absent when sources were not present.
    public var sources: [String: String]?
    /// When the run started, ISO 8601 UTC to the second (`2026-11-23T12:40:01Z`).
    public var startTime: String
    /// When the run ended, in the same form.
    public var endTime: String
    /// Monotonic duration of the experiment, in seconds.
    public var durationSeconds: Double
    /// Number of trial records written.
    public var trials: Int
    /// SHA-256 of `trials.jsonl` as written, so a damaged or hand-edited file is noticed.
    public var trialsSHA256: String?
    /// The machine and libraries (`quantlab env`).
    public var environment: Environment
    /// The commit run and whether the tree was dirty.
    public var git: GitInfo

    /// A record of a run, field by field (the runner builds one from its fingerprint).
    public init(
        section: String, status: Status, error: String?, fingerprint: String, profile: Profile, seed: UInt64,
        threads: Int, parameters: JSONValue, parametersSHA256: String, inputs: [String: String],
        sources: [String: String]?, start: Date, end: Date, durationSeconds: Double, trials: Int,
        trialsSHA256: String?, environment: Environment, git: GitInfo
    ) {
        self.section = section
        self.status = status
        self.error = error
        self.fingerprint = fingerprint
        self.profile = profile
        self.seed = seed
        self.threads = threads
        self.parameters = parameters
        self.parametersSHA256 = parametersSHA256
        self.inputs = inputs
        self.sources = sources
        startTime = RunMeta.timestamp(start)
        endTime = RunMeta.timestamp(end)
        self.durationSeconds = durationSeconds
        self.trials = trials
        self.trialsSHA256 = trialsSHA256
        self.environment = environment
        self.git = git
    }

    /// Pretty-printed JSON with sorted keys, ending in a newline.
    public var jsonText: String {
        PrettyJSON.text(of: self)
    }

    /// Reads `meta.json` text.
    /// - Throws: `ResultsError.malformed` naming `source`.
    public init(jsonText: String, source: String) throws(ResultsError) {
        do { self = try PrettyJSON.decode(RunMeta.self, from: jsonText) } catch {
            throw .malformed(path: source, detail: "not a run record (\(error))")
        }
    }

    /// ISO 8601 UTC to the second.
    public static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!))
    }

    /// The date of a `timestamp(_:)` string (`2026-11-23T12:40:01Z`); `nil` if it is not one.
    public static func date(_ timestamp: String) -> Date? {
        try? Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!).parse(timestamp)
    }
}
