public import Records
import Datasets

/// What determines a section's results, and its SHA-256 digest: when any part changes, stored
/// results are stale.
///
/// The digest is SHA-256 (FIPS 180-4) of a canonical text, one line per part, sorted:
/// ```
/// input mnist_5k.csv <sha256>
/// parameters <sha256 of the canonical parameter JSON>
/// profile quick
/// seed 20261123
/// source Sources/Tensor/Tensor.swift <sha256>      (or: sources unavailable)
/// ```
/// Each part is also kept, so a change can be explained (`changes(since:)`), not just detected.
public struct Fingerprint: Equatable, Sendable {
    /// The profile the parameters were resolved for.
    public var profile: Profile
    /// The run's seed.
    public var seed: UInt64
    /// The resolved parameters as canonical JSON (keys sorted, ints and doubles kept apart).
    public var parameters: JSONValue
    /// SHA-256 of `parameters.serialized`.
    public var parametersSHA256: String
    /// SHA-256 of each declared input, by name under `data/raw/`.
    public var inputs: [String: String]
    /// SHA-256 of each source file run, by path from the package root; `nil` when the sources
    /// were not present at run time, so code changes could not be fingerprinted.
    public var sources: [String: String]?

    /// A fingerprint of these parts; `parametersSHA256` is computed from `parameters`.
    public init(profile: Profile, seed: UInt64, parameters: JSONValue, inputs: [String: String], sources: [String: String]?) {
        self.profile = profile
        self.seed = seed
        self.parameters = parameters
        parametersSHA256 = SHA256.hex(ofText: parameters.serialized)
        self.inputs = inputs
        self.sources = sources
    }

    /// The 64-hex-digit SHA-256 of all parts.
    public var digest: String {
        var lines = [
            "parameters \(parametersSHA256)",
            "profile \(profile.rawValue)",
            "seed \(seed)",
        ]
        lines += inputs.map { "input \($0.key) \($0.value)" }
        if let sources {
            lines += sources.map { "source \($0.key) \($0.value)" }
        } else {
            lines.append("sources unavailable")
        }
        let text = lines.sorted().joined(separator: "\n") + "\n"
        return SHA256.hex(ofText: text)
    }

    /// Why results fingerprinted as `old` no longer match this fingerprint; empty when they do.
    ///
    /// When the sources are missing now (`sources == nil`), code is not compared and nothing
    /// is reported for it: the caller says so separately.
    public func changes(since old: Fingerprint) -> [StaleReason] {
        var reasons: [StaleReason] = []
        if parametersSHA256 != old.parametersSHA256 {
            reasons.append(.parameters(Fingerprint.changedKeys(old.parameters, parameters)))
        }
        if profile != old.profile { reasons.append(.profile(from: old.profile, to: profile)) }
        if seed != old.seed { reasons.append(.seed(from: old.seed, to: seed)) }
        let changedInputs = Fingerprint.changedKeys(old.inputs, inputs)
        if !changedInputs.isEmpty { reasons.append(.inputs(changedInputs)) }
        if let sources {
            if let oldSources = old.sources {
                let changed = Fingerprint.changedKeys(oldSources, sources)
                if !changed.isEmpty { reasons.append(.code(changed)) }
            } else {
                reasons.append(.code(["sources were not recorded by the last run"]))
            }
        }
        return reasons
    }

    /// Keys added, removed or changed between two dictionaries, sorted.
    static func changedKeys<V: Equatable>(_ old: [String: V], _ new: [String: V]) -> [String] {
        Set(old.keys).union(new.keys).filter { old[$0] != new[$0] }.sorted()
    }

    /// Top-level parameter names whose values differ (by value: `1` equals `1.0`).
    static func changedKeys(_ old: JSONValue, _ new: JSONValue) -> [String] {
        guard case .object(let a) = old, case .object(let b) = new else { return ["(all)"] }
        let keys = Set(a.keys).union(b.keys).filter { key in
            guard let x = a[key], let y = b[key] else { return true }
            return !x.sameValue(as: y)
        }.sorted()
        // Equal by value but not by text (e.g. 1 became 1.0): the digest still changed.
        return keys.isEmpty ? ["(representation)"] : keys
    }
}
