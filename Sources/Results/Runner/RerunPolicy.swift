/// Which sections `quantlab report` reruns before it analyses: the stale and missing ones
/// (the default), all of them, or none.
public enum RerunPolicy: String, CaseIterable, Sendable {
    case stale
    case all
    case none
}

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

extension SectionRunner {
    /// Reruns the sections `policy` selects, in order, and judges each again afterwards.
    ///
    /// A failed section is recorded and the others still run; its last good results stay on
    /// disk (`after.lastGood`) for the report to show as stale.
    /// - Throws: `ResultsError` only when a results folder cannot be locked or written.
    public func update(_ experiments: [any Experiment], policy: RerunPolicy) throws(ResultsError) -> [SectionOutcome] {
        var outcomes: [SectionOutcome] = []
        for experiment in experiments {
            let before = status(of: experiment)
            let rerun = switch policy {
            case .all: true
            case .stale: before.needsRun
            case .none: false
            }
            if rerun { try run(experiment) }
            outcomes.append(SectionOutcome(before: before, rerun: rerun, after: rerun ? status(of: experiment) : before))
        }
        return outcomes
    }
}
