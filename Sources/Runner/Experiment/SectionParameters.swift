public import Records

/// A section's parameters, resolved from a profile in one way for every section:
/// `init(profile:)`. Everything in them goes into the run's fingerprint and `meta.json`.
///
/// An experiment whose `Parameters` conform gets `parameters(for:)` from this protocol, so no
/// section spells the mapping from profile to parameters a second way.
public protocol SectionParameters: Codable, Sendable {
    /// The parameters of `profile`: the same code path for `quick` and `full`, smaller sizes
    /// for `quick`.
    init(profile: Profile)
}

extension Experiment where Parameters: SectionParameters {
    /// The parameters of `profile`: `Parameters(profile: profile)`.
    public func parameters(for profile: Profile) -> Parameters {
        Parameters(profile: profile)
    }
}
