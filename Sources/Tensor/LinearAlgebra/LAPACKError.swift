/// A LAPACK routine reported failure (`info ≠ 0`).
///
/// The description is one line naming the routine, what the code means and its value, e.g.
/// `dpotrf: matrix not positive definite (leading minor 3)`.
public struct LAPACKError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The routine, without the Fortran underscore (`dgels`, `dpotrf`, …).
    public let routine: String
    /// LAPACK's `info`: negative when argument −info was illegal, positive for a numerical failure.
    public let info: Int
    /// What a positive `info` means for this routine, e.g. "matrix not positive definite".
    public let meaning: String
    /// What a positive `info` counts or indexes, e.g. "leading minor".
    public let valueName: String

    /// Creates an error for `routine` with LAPACK's `info`, the meaning of a positive value and
    /// the name of what that value indexes.
    public init(routine: String, info: Int, meaning: String, valueName: String) {
        self.routine = routine
        self.info = info
        self.meaning = meaning
        self.valueName = valueName
    }

    /// One line: the routine, the meaning and the value.
    public var description: String {
        if info < 0 { return "\(routine): illegal value in argument \(-info); a bug in the caller" }
        return "\(routine): \(meaning) (\(valueName) \(info))"
    }
}
