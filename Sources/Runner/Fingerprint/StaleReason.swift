public import Records
/// One reason why stored results are stale.
public enum StaleReason: Equatable, Sendable, CustomStringConvertible {
    /// These top-level parameters changed.
    case parameters([String])
    case profile(from: Profile, to: Profile)
    case seed(from: UInt64, to: UInt64)
    /// These input files changed, appeared or disappeared.
    case inputs([String])
    /// These source files changed, appeared or disappeared.
    case code([String])
    /// The stored files do not match their `meta.json` (edited by hand, or damaged).
    case damaged(String)

    public var description: String {
        switch self {
        case .parameters(let keys): "parameters changed (\(StaleReason.list(keys)))"
        case .profile(let from, let to): "profile changed (\(from) → \(to))"
        case .seed(let from, let to): "seed changed (\(from) → \(to))"
        case .inputs(let paths): "inputs changed (\(StaleReason.list(paths)))"
        case .code(let paths): "code changed (\(StaleReason.list(paths)))"
        case .damaged(let detail): "results damaged (\(detail))"
        }
    }

    /// The first three names, then a count of the rest.
    private static func list(_ names: [String]) -> String {
        names.count <= 3 ? names.joined(separator: ", ")
            : names.prefix(3).joined(separator: ", ") + ", +\(names.count - 3) more"
    }
}
