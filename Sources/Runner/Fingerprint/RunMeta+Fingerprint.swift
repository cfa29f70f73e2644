public import Foundation
public import Records

extension RunMeta {
    /// A record of a run; parts of the fingerprint are stored field by field.
    public init(
        section: String, status: Status, error: String?, fingerprint: Fingerprint, threads: Int,
        start: Date, end: Date, durationSeconds: Double, trials: Int, trialsSHA256: String?,
        environment: Environment, git: GitInfo
    ) {
        self.init(
            section: section, status: status, error: error, fingerprint: fingerprint.digest,
            profile: fingerprint.profile, seed: fingerprint.seed, threads: threads, parameters: fingerprint.parameters,
            parametersSHA256: fingerprint.parametersSHA256, inputs: fingerprint.inputs, sources: fingerprint.sources,
            start: start, end: end, durationSeconds: durationSeconds, trials: trials, trialsSHA256: trialsSHA256,
            environment: environment, git: git)
    }

    /// The parts of the fingerprint this run recorded, for comparison with a fresh one.
    public var fingerprintParts: Fingerprint {
        var f = Fingerprint(profile: profile, seed: seed, parameters: parameters, inputs: inputs, sources: sources)
        // The stored parameter JSON may have lost int/double kinds; the stored digest is authoritative.
        f.parametersSHA256 = parametersSHA256
        return f
    }
}
