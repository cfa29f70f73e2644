import Foundation

/// How data values map to positions along an axis.
///
/// ```
/// linear:        t(x) = x
/// log10:         t(x) = log10(x)              (x > 0; other values are dropped with a warning)
/// log2:          t(x) = log2(x)               (x > 0; likewise)
/// symlog(c):     t(x) = sign(x) · log10(1 + |x| / c)
/// categorical:   category i occupies the band [i, i + 1]; its centre is i + 0.5
/// ```
/// Position is linear in t. Symlog is linear near zero (slope 1/(c·ln 10) at 0) and logarithmic
/// for |x| ≫ c, so errors that reach exactly zero still show on a log-like axis.
public enum Scale: Sendable, Hashable {
    case linear
    case log10
    case log2
    /// Symmetric log with linear threshold `c` > 0 (matplotlib's `symlog`, base 10).
    case symlog(linearThreshold: Double)
    /// Named bands in order. Bars and heatmaps always put their own categories on a band scale
    /// (x for bars; x columns and y rows for heatmaps), whatever the axis's scale says. Other
    /// marks on a categorical axis give positions in band coordinates (category i at i + 0.5).
    case categorical([String])

    /// Whether only positive values can be placed.
    public var isLogarithmic: Bool {
        switch self {
        case .log10, .log2: true
        default: false
        }
    }

    /// Whether the scale places named bands rather than numbers.
    public var isCategorical: Bool {
        if case .categorical = self { return true }
        return false
    }

    /// The transform t(x) above; categorical scales use the band coordinate itself.
    public func transform(_ x: Double) -> Double {
        switch self {
        case .linear, .categorical: x
        case .log10: Foundation.log10(x)
        case .log2: Foundation.log2(x)
        case .symlog(let c): (x < 0 ? -1 : 1) * Foundation.log10(1 + abs(x) / c)
        }
    }

    /// The inverse of `transform`.
    public func inverse(_ t: Double) -> Double {
        switch self {
        case .linear, .categorical: t
        case .log10: Foundation.pow(10, t)
        case .log2: Foundation.pow(2, t)
        case .symlog(let c): (t < 0 ? -1 : 1) * c * (Foundation.pow(10, abs(t)) - 1)
        }
    }

    /// A short name for warnings and descriptions.
    var name: String {
        switch self {
        case .linear: "linear"
        case .log10: "log10"
        case .log2: "log2"
        case .symlog: "symlog"
        case .categorical: "categorical"
        }
    }
}
