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

    public var section: String
    public var status: Status
    /// The one-line error of a failed run.
    public var error: String?
    /// `Fingerprint.digest` of the run.
    public var fingerprint: String
    public var profile: Profile
    public var seed: UInt64
    public var threads: Int
    /// The resolved parameters (canonical JSON).
    public var parameters: JSONValue
    public var parametersSHA256: String
    /// SHA-256 of each input read, by path relative to the data directory.
    public var inputs: [String: String]
    /// SHA-256 of each source file the section runs; absent when sources were not present.
    public var sources: [String: String]?
    /// Start and end, ISO 8601 UTC (`2026-11-23T12:40:01Z`).
    public var startTime: String
    public var endTime: String
    public var durationSeconds: Double
    /// Number of trial records written.
    public var trials: Int
    /// SHA-256 of `trials.jsonl` as written, so a damaged or hand-edited file is noticed.
    public var trialsSHA256: String?
    public var environment: Environment
    public var git: GitInfo

    public init(
        section: String, status: Status, error: String?, fingerprint: Fingerprint, threads: Int,
        start: Date, end: Date, durationSeconds: Double, trials: Int, trialsSHA256: String?,
        environment: Environment, git: GitInfo
    ) {
        self.section = section
        self.status = status
        self.error = error
        self.fingerprint = fingerprint.digest
        profile = fingerprint.profile
        seed = fingerprint.seed
        self.threads = threads
        parameters = fingerprint.parameters
        parametersSHA256 = fingerprint.parametersSHA256
        inputs = fingerprint.inputs
        sources = fingerprint.sources
        startTime = RunMeta.timestamp(start)
        endTime = RunMeta.timestamp(end)
        self.durationSeconds = durationSeconds
        self.trials = trials
        self.trialsSHA256 = trialsSHA256
        self.environment = environment
        self.git = git
    }

    /// The parts of the fingerprint this run recorded, for comparison with a fresh one.
    public var fingerprintParts: Fingerprint {
        var f = Fingerprint(profile: profile, seed: seed, parameters: parameters, inputs: inputs, sources: sources)
        // The stored parameter JSON may have lost int/double kinds; the stored digest is authoritative.
        f.parametersSHA256 = parametersSHA256
        return f
    }

    /// Pretty-printed JSON with sorted keys, ending in a newline.
    public var jsonText: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        // Encoding a value of plain Codable fields cannot fail.
        return String(decoding: try! encoder.encode(self), as: UTF8.self) + "\n"
    }

    /// Reads `meta.json` text.
    /// - Throws: `ResultsError.malformed` naming `source`.
    public init(jsonText: String, source: String) throws(ResultsError) {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do { self = try decoder.decode(RunMeta.self, from: Data(jsonText.utf8)) } catch {
            throw .malformed(path: source, detail: "not a run record (\(error))")
        }
    }

    /// ISO 8601 UTC to the second.
    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!))
    }
}
