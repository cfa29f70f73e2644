public import Records
/// Which sections `quantlab report` reruns before it analyses: the stale and missing ones
/// (the default), all of them, or none.
public enum RerunPolicy: String, CaseIterable, Sendable {
    case stale
    case all
    case none
}

extension SectionRunner {
    /// Reruns the sections `policy` selects, in order, and judges each again afterwards;
    /// with `only`, no section outside it is rerun (the others are judged as stored).
    ///
    /// A failed section is recorded and the others still run; its last good results stay on
    /// disk (`after.lastGood`) for the report to show as stale.
    /// - Throws: `ResultsError` only when a results folder cannot be locked or written.
    public func update(_ experiments: [any Experiment], policy: RerunPolicy, only: Set<String>? = nil) throws(ResultsError) -> [SectionOutcome] {
        var outcomes: [SectionOutcome] = []
        for experiment in experiments {
            let before = status(of: experiment)
            let selected = switch policy {
            case .all: true
            case .stale: before.needsRun
            case .none: false
            }
            let rerun = selected && (only?.contains(experiment.id) ?? true)
            if rerun { try run(experiment) }
            outcomes.append(SectionOutcome(before: before, rerun: rerun, after: rerun ? status(of: experiment) : before))
        }
        return outcomes
    }
}
