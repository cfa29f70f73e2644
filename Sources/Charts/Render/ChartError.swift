/// A failure while rendering a figure; the text is one line saying what and what to do.
public enum ChartError: Error, CustomStringConvertible, Equatable {
    /// Cairo reported a status other than success.
    case cairo(operation: String, status: String)
    /// A log axis had data, but none of it was positive.
    case nothingPositiveOnLogAxis(panel: Int, axis: String, dropped: Int)

    /// One line: what failed and what to do.
    public var description: String {
        switch self {
        case .cairo(let operation, let status):
            "cairo: \(operation) failed: \(status); check the Cairo installation (make deps)"
        case .nothingPositiveOnLogAxis(let panel, let axis, let dropped):
            "panel \(panel): all \(dropped) values on the log \(axis) axis are ≤ 0 or non-finite; use a linear or symlog scale"
        }
    }
}
