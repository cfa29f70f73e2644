/// How big a run is: `quick` for CI and tests (the whole report in about two minutes on two
/// cores), `full` for the real report. Both take the same code path with different sizes.
public enum Profile: String, Codable, CaseIterable, Sendable, CustomStringConvertible {
    case quick
    case full

    /// The profile used when none is given: the real report.
    public static let `default` = Profile.full

    public var description: String { rawValue }
}

/// Run-wide defaults that every command prints when it uses them.
public enum RunDefaults {
    /// The seed used when none is given. Fixed, so two plain `make report` runs agree.
    public static let seed: UInt64 = 20_261_123
}
