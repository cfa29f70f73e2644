public import Records
/// Whether a section's stored results can be reused: fresh, stale (and why), missing or failed.
public struct SectionStatus: Sendable {
    /// The state of a section against the current parameters, inputs and code.
    public enum State: Equatable, Sendable, CustomStringConvertible {
        /// Stored results match the current fingerprint.
        case fresh
        /// Stored results exist but no longer match, for these reasons.
        case stale([StaleReason])
        /// The section never ran successfully here.
        case missing
        /// The latest run failed with this error; earlier good results, if any, are kept.
        case failed(error: String)

        /// `fresh`, `stale`, `missing` or `failed`.
        public var name: String {
            switch self {
            case .fresh: "fresh"
            case .stale: "stale"
            case .missing: "missing"
            case .failed: "failed"
            }
        }

        public var description: String {
            switch self {
            case .stale(let reasons): "stale: " + reasons.map(\.description).joined(separator: "; ")
            case .failed(let error): "failed: " + error
            default: name
            }
        }
    }

    /// The section id.
    public let section: String
    /// Fresh, stale, missing or failed.
    public let state: State
    /// The last successful run, whose results are on disk.
    public let lastGood: RunMeta?
    /// The failed run after `lastGood`, if any.
    public let lastFailure: RunMeta?
    /// Why stored results would be stale even without a failure (empty when fresh or missing).
    public let staleReasons: [StaleReason]
    /// Caveats, e.g. that code could not be compared because the sources are not present.
    public let notes: [String]

    /// A status from its parts (`SectionRunner.status(of:)` makes them).
    public init(
        section: String, state: State, lastGood: RunMeta?, lastFailure: RunMeta?, staleReasons: [StaleReason],
        notes: [String]
    ) {
        self.section = section
        self.state = state
        self.lastGood = lastGood
        self.lastFailure = lastFailure
        self.staleReasons = staleReasons
        self.notes = notes
    }

    /// Whether `report --rerun stale` should run the section: anything but fresh.
    public var needsRun: Bool { state != .fresh }
}
