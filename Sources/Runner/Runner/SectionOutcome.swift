import Records
/// What bringing one section up to date did.
public struct SectionOutcome: Sendable {
    /// The section's state before anything ran.
    public let before: SectionStatus
    /// Whether it was run now (`false`: stored results reused).
    public let rerun: Bool
    /// The section's state afterwards: fresh after a good run, failed after a failed one.
    public let after: SectionStatus

    /// The section id.
    public var section: String { before.section }
}
