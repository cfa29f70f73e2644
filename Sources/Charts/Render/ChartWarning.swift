/// Something the renderer skipped or dropped instead of drawing; collected in `RenderedFigure.warnings`.
public struct ChartWarning: Sendable, Hashable, CustomStringConvertible {
    /// What was skipped and how much.
    public enum Kind: Sendable, Hashable {
        /// A series with no values at all.
        case emptySeries
        /// NaN or ±Inf values skipped (lines break at them).
        case nonFinite(count: Int)
        /// Values ≤ 0 dropped because the named axis is logarithmic.
        case nonPositiveOnLogAxis(axis: String, count: Int)
    }

    /// Index of the panel in `Figure.panels`.
    public var panel: Int
    /// The series label, or a description of the mark when it has none.
    public var series: String
    /// What was skipped.
    public var kind: Kind

    /// A warning about `series` in panel `panel`.
    public init(panel: Int, series: String, kind: Kind) {
        self.panel = panel
        self.series = series
        self.kind = kind
    }

    /// One line naming the panel, the series and the count.
    public var description: String {
        switch kind {
        case .emptySeries:
            "panel \(panel), \(series): empty series, nothing drawn"
        case .nonFinite(let count):
            "panel \(panel), \(series): \(count) non-finite value\(count == 1 ? "" : "s") (NaN/±Inf) skipped"
        case .nonPositiveOnLogAxis(let axis, let count):
            "panel \(panel), \(series): \(count) value\(count == 1 ? "" : "s") ≤ 0 dropped on the log \(axis) axis"
        }
    }

    /// The number of non-finite values skipped over `warnings`.
    static func nonFiniteTotal(_ warnings: [ChartWarning]) -> Int {
        warnings.reduce(0) { if case .nonFinite(let n) = $1.kind { $0 + n } else { $0 } }
    }

    /// The number of values ≤ 0 dropped from log axes over `warnings`.
    static func nonPositiveTotal(_ warnings: [ChartWarning]) -> Int {
        warnings.reduce(0) { if case .nonPositiveOnLogAxis(_, let n) = $1.kind { $0 + n } else { $0 } }
    }
}
