/// Maps data values on one axis to figure coordinates (points).
///
/// ```
/// pixel(v) = start + (t(v) − t(lo)) / (t(hi) − t(lo)) · (end − start)
/// ```
/// with t the scale's transform (`Scale.transform`) and [lo, hi] the axis domain. For a y axis
/// `start` is the bottom edge (figure y grows downwards); for a categorical y axis it is the top
/// edge, so the first category reads first. Categorical domains are band coordinates [0, n]:
/// category i is centred at i + 0.5.
public struct AxisMapping: Sendable, Hashable {
    /// The scale whose transform positions values.
    public let scale: Scale
    /// The data range shown (band coordinates for categorical axes).
    public let domain: ClosedRange<Double>
    /// Figure coordinate of `domain.lowerBound`.
    public let start: Double
    /// Figure coordinate of `domain.upperBound`.
    public let end: Double

    /// Maps `domain` onto [start, end] through `scale`.
    public init(scale: Scale, domain: ClosedRange<Double>, start: Double, end: Double) {
        self.scale = scale
        self.domain = domain
        self.start = start
        self.end = end
    }

    /// The figure coordinate of data value `v`; NaN when the scale cannot place `v` (log of v ≤ 0).
    public func pixel(_ v: Double) -> Double {
        let t0 = scale.transform(domain.lowerBound)
        let t1 = scale.transform(domain.upperBound)
        return start + (scale.transform(v) - t0) / (t1 - t0) * (end - start)
    }

    /// The figure coordinate of the centre of category `index`.
    public func pixel(category index: Int) -> Double { pixel(Double(index) + 0.5) }

    /// The data value at figure coordinate `p` (the inverse of `pixel`).
    public func value(atPixel p: Double) -> Double {
        let t0 = scale.transform(domain.lowerBound)
        let t1 = scale.transform(domain.upperBound)
        return scale.inverse(t0 + (p - start) / (end - start) * (t1 - t0))
    }
}
