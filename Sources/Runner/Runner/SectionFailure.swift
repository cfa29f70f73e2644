/// One or more sections ran and failed: the error a command ends with, so its last line says
/// why (`Error: linreg failed: data/raw/autompg.csv: sha256 mismatch …`) and it exits non-zero.
///
/// The previous good results of each failed section are kept; the failure is recorded in its
/// `meta.failed.json`.
public struct SectionFailure: Error, CustomStringConvertible, Sendable {
    /// The failed sections and their errors, in run order.
    public let failures: [(section: String, error: String)]

    /// A failure of these sections.
    public init(_ failures: [(section: String, error: String)]) {
        self.failures = failures
    }

    /// The failures among `outcomes`: sections that were rerun and are failed afterwards.
    /// - Returns: `nil` when every rerun succeeded.
    public init?(outcomes: [SectionOutcome]) {
        let failed = outcomes.compactMap { outcome -> (section: String, error: String)? in
            guard outcome.rerun, case .failed(let error) = outcome.after.state else { return nil }
            return (outcome.section, error)
        }
        guard !failed.isEmpty else { return nil }
        self.init(failed)
    }

    public var description: String {
        failures.map { "\($0.section) failed: \($0.error)" }.joined(separator: "; ") + "; previous results kept"
    }
}
