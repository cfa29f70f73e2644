public import Foundation

/// Where a chapter's numbers came from: the run that produced the results it shows, stated
/// from the stored results alone, so two reports built from the same results are identical.
///
/// Rendered as one italic line at the end of the chapter:
/// ```
/// *Provenance: profile full · seed 42 · fingerprint 3f2a9c1d0b7e · run 2026-11-23 12:40 UTC · 41.2 s · commit 01a9e3c*
/// ```
/// When the section's latest run failed, the line is preceded by a failure note with the error,
/// and ends in `· stale`, since the results shown are the last good ones.
public struct Provenance: Sendable, Equatable {
    /// The profile the results were made with (`quick`, `full`).
    public var profile: String
    /// The seed the results were made with.
    public var seed: UInt64
    /// The section's fingerprint, hexadecimal (SHA-256, 64 digits); the line shows the first 12.
    public var fingerprint: String
    /// When the run started.
    public var runDate: Date
    /// How long the run took, in seconds.
    public var duration: Double
    /// The commit the results were made from, with ` (modified)` when the tree had changes;
    /// `nil` when unknown.
    public var commit: String?
    /// The error of the section's latest run when it failed after these results were made;
    /// `nil` when the latest run produced them.
    public var failure: String?
    /// Why the results shown no longer match the current parameters, inputs or code, when the
    /// report was built without rerunning them (`--rerun none`); `nil` when they are fresh.
    public var staleReason: String?

    /// A provenance record.
    /// - Parameters:
    ///   - profile: `quick` or `full`.
    ///   - seed: The run's seed.
    ///   - fingerprint: Hexadecimal fingerprint (at least 12 digits).
    ///   - runDate: Start of the run.
    ///   - duration: Seconds; finite and not negative.
    ///   - commit: The commit the run was made from.
    ///   - failure: The latest run's error, if it failed.
    public init(
        profile: String, seed: UInt64, fingerprint: String, runDate: Date, duration: Double,
        commit: String? = nil, failure: String? = nil
    ) {
        precondition(fingerprint.count >= 12 && fingerprint.allSatisfy(\.isHexDigit), "fingerprint must be hexadecimal")
        precondition(duration.isFinite && duration >= 0, "duration must be finite and not negative")
        self.profile = profile
        self.seed = seed
        self.fingerprint = fingerprint
        self.runDate = runDate
        self.duration = duration
        self.commit = commit
        self.failure = failure
    }

    /// The first 12 hexadecimal digits of the fingerprint, lowercased.
    public var shortFingerprint: String { String(fingerprint.prefix(12)).lowercased() }

    /// The Markdown that ends the chapter: a failure note when the latest run failed, then the
    /// provenance line. No trailing newline.
    public func markdown() -> String {
        var parts = [
            "profile \(profile)", "seed \(seed)", "fingerprint \(shortFingerprint)",
            "run \(UTCDate.minutes(runDate))",
            // Safe: the initializer requires a finite duration.
            try! NumberStyle.duration.format(duration),
        ]
        if let commit { parts.append("commit \(commit)") }
        if failure != nil {
            parts.append("stale")
        } else if let staleReason {
            parts.append("stale (\(Self.oneLine(staleReason)))")
        }
        let line = "*Provenance: " + parts.joined(separator: " · ") + "*"
        guard let failure else { return line }
        return Self.failureNote(
            "the latest run of this section failed: \(Self.oneLine(failure)). "
                + "The results above are from the last good run, described below, and are stale.")
            + "\n\n" + line
    }

    /// A blockquote that says a section failed: `> **Failed.** …`.
    static func failureNote(_ text: String) -> String {
        "> **Failed:** \(text)"
    }

    /// `text` on one line, so a multi-line error cannot break the Markdown around it.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
