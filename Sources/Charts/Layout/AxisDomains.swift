/// The data domain each axis shows: fixed limits, else the data extent padded by 5 %, with
/// shared axes unified over all panels.
enum AxisDomains {
    /// The data extent of `values`, or nil when empty.
    static func extent(_ values: [Double]) -> ClosedRange<Double>? {
        guard let lo = values.min(), let hi = values.max() else { return nil }
        return lo...hi
    }

    /// The smallest range holding both `a` and `b`; nil only when both are nil.
    static func union(_ a: ClosedRange<Double>?, _ b: ClosedRange<Double>?) -> ClosedRange<Double>? {
        guard let a else { return b }
        guard let b else { return a }
        return min(a.lowerBound, b.lowerBound)...max(a.upperBound, b.upperBound)
    }

    /// The domain shown for an axis: fixed limits, else the extent with 5 % padding in
    /// transformed space (none on a sticky zero), with degenerate extents widened.
    static func domain(axis: Axis, scale: Scale, extent: ClosedRange<Double>?, stickyZero: Bool) -> ClosedRange<Double> {
        if case .categorical(let names) = scale { return 0...Double(max(names.count, 1)) }
        if let limits = axis.limits, limits.upperBound > limits.lowerBound,
           !scale.isLogarithmic || limits.lowerBound > 0 {
            return limits
        }
        guard let e = extent else { return scale.isLogarithmic ? 1...10 : 0...1 }
        let (lo, hi) = (e.lowerBound, e.upperBound)
        if lo == hi {
            switch scale {
            case .log10: return lo / 10.0.squareRoot()...lo * 10.0.squareRoot()
            case .log2: return lo / 2...lo * 2
            default: return lo == 0 ? -1...1 : (lo - 0.1 * abs(lo))...(lo + 0.1 * abs(lo))
            }
        }
        let t0 = scale.transform(lo)
        let t1 = scale.transform(hi)
        let pad = 0.05 * (t1 - t0)
        let newLo = stickyZero && lo == 0 ? 0 : scale.inverse(t0 - pad)
        let newHi = stickyZero && hi == 0 ? 0 : scale.inverse(t1 + pad)
        return newLo...newHi
    }

    /// Domains of every panel of `figure` (prepared as `panels`), with shared axes unified over
    /// all panels.
    static func domains(_ figure: Figure, _ panels: [PreparedPanel]) -> [(x: ClosedRange<Double>, y: ClosedRange<Double>)] {
        var xExtents = panels.map { extent($0.xValues) }
        var yExtents = panels.map { extent($0.yValues) }
        // Shared axes span every panel (matplotlib's sharex/sharey=True), so all panels compare.
        if figure.sharedX {
            let u = xExtents.reduce(nil, union)
            xExtents = xExtents.map { _ in u }
        }
        if figure.sharedY {
            let u = yExtents.reduce(nil, union)
            yExtents = yExtents.map { _ in u }
        }
        return panels.indices.map { i in
            let spec = figure.panels[i]
            let p = panels[i]
            let sticky = figure.sharedY ? panels.contains { $0.stickyZeroY } : p.stickyZeroY
            return (
                domain(axis: spec.x, scale: p.xScale, extent: xExtents[i], stickyZero: false),
                domain(axis: spec.y, scale: p.yScale, extent: yExtents[i], stickyZero: sticky && !p.yScale.isLogarithmic)
            )
        }
    }
}
