import Foundation

/// The ticks of one numeric axis: labelled major ticks and unlabelled minor ticks, in data units.
public struct AxisTicks: Sendable, Hashable {
    /// Labelled tick positions in data units, increasing.
    public var major: [Double]
    /// One label per major tick.
    public var labels: [String]
    /// Unlabelled tick positions (log axes).
    public var minor: [Double]

    /// Ticks with one label per major position.
    public init(major: [Double], labels: [String], minor: [Double] = []) {
        self.major = major
        self.labels = labels
        self.minor = minor
    }

    /// Ticks for `scale` over `domain`.
    ///
    /// - linear: extended Wilkinson with m = `count`, keeping ticks inside the domain;
    /// - log10: every decade 10ᵉ in the domain with minor ticks at 2…9·10ᵉ; when more than `count`
    ///   decades, every s-th decade (s from 1, 2, 3, 5, 10, … with exponents divisible by s) and
    ///   minor ticks on the others; under two decades, 1-2-5 (then 1…9) multiples are labelled;
    /// - log2: powers of two, thinned the same way;
    /// - symlog(c): 0 and ±10ᵉ for 10ᵉ ≥ c, thinned the same way.
    ///
    /// - Parameters:
    ///   - count: Desired number of labelled ticks (linear) or most labelled decades (log).
    ///   - integer: On a linear scale, ticks only on integers: a step below 1 becomes 1, any
    ///     other fractional step is rounded up (a count of bits has no tick at 2.5).
    /// - Returns: Ticks within the domain (to 1e−9 of its span), in increasing order.
    public static func make(scale: Scale, domain: ClosedRange<Double>, count: Int, integer: Bool = false) -> AxisTicks {
        let m = max(count, 2)
        switch scale {
        case .linear, .categorical:
            let ticks = linear(domain, count: m)
            return integer ? integers(ticks, domain: domain) : ticks
        case .log10:
            return logarithmic(domain, base: 10, count: m)
        case .log2:
            return logarithmic(domain, base: 2, count: m)
        case .symlog(let c):
            return symlog(domain, threshold: c, count: m)
        }
    }

    static func linear(_ domain: ClosedRange<Double>, count m: Int) -> AxisTicks {
        let tolerance = 1e-9 * max(domain.upperBound - domain.lowerBound, abs(domain.upperBound), 1e-300)
        let values = ExtendedWilkinson.ticks(from: domain.lowerBound, to: domain.upperBound, count: m)
            .filter { $0 >= domain.lowerBound - tolerance && $0 <= domain.upperBound + tolerance }
        return AxisTicks(major: values, labels: TickLabelFormat.linear(values))
    }

    /// `ticks` if they are all integers, else integer ticks over `domain` with the step rounded up.
    static func integers(_ ticks: AxisTicks, domain: ClosedRange<Double>) -> AxisTicks {
        guard ticks.major.contains(where: { $0 != $0.rounded() }) else { return ticks }
        let step = Swift.max(1, (ticks.major.count > 1 ? ticks.major[1] - ticks.major[0] : 1).rounded(.up))
        var values: [Double] = []
        var value = (domain.lowerBound / step).rounded(.up) * step
        while value <= domain.upperBound + 1e-9 {
            values.append(value)
            value += step
        }
        return AxisTicks(major: values, labels: TickLabelFormat.linear(values))
    }

    /// The strides tried when decades are too many to label, smallest first.
    static let strides = [1, 2, 3, 5, 10, 20, 50, 100]

    static func logarithmic(_ domain: ClosedRange<Double>, base: Double, count m: Int) -> AxisTicks {
        let logBase = { (x: Double) in log(x) / log(base) }
        let e0 = Int((logBase(domain.lowerBound) - 1e-9).rounded(.up))
        let e1 = Int((logBase(domain.upperBound) + 1e-9).rounded(.down))
        let label = { (e: Int, v: Double) in base == 2 ? TickLabelFormat.powerOfTwo(exponent: e) : TickLabelFormat.compact(v) }
        let power = { (e: Int) in e >= 0 ? pow(base, Double(e)) : 1 / pow(base, Double(-e)) }
        if e1 - e0 + 1 < 2 {
            return base == 10 ? fewDecades(domain, count: m) : linear(domain, count: m)
        }
        let stride = strides.first { s in (e0...e1).filter { $0 % s == 0 }.count <= m } ?? strides.last!
        let labelled = (e0...e1).filter { $0 % stride == 0 }
        let major = labelled.map(power)
        var minor: [Double] = []
        if stride == 1 {
            if base == 10 && e1 - e0 <= 12 {
                for e in (e0 - 1)...e1 {
                    for k in 2...9 {
                        let v = Double(k) * power(e)
                        if domain.contains(v) { minor.append(v) }
                    }
                }
            }
        } else {
            minor = (e0...e1).filter { $0 % stride != 0 }.map(power)
        }
        return AxisTicks(major: major, labels: zip(labelled, major).map { label($0, $1) }, minor: minor)
    }

    /// A log10 axis spanning less than two decades: label 1-2-5 multiples, else 1…9 multiples,
    /// else fall back to linear ticks (a range like [2.1, 2.9] has no round log ticks).
    static func fewDecades(_ domain: ClosedRange<Double>, count m: Int) -> AxisTicks {
        let e0 = Int(log10(domain.lowerBound).rounded(.down))
        let e1 = Int(log10(domain.upperBound).rounded(.up))
        let multiples = { (ks: [Int]) -> [Double] in
            (e0...e1).flatMap { e in ks.map { Double($0) * (e >= 0 ? pow(10, Double(e)) : 1 / pow(10, Double(-e))) } }
                .filter { domain.contains($0) }
        }
        let all = multiples(Array(1...9))
        for ks in [[1, 2, 5], Array(1...9)] {
            let major = multiples(ks)
            if major.count >= 2 && major.count <= max(m, 3) {
                return AxisTicks(major: major, labels: major.map(TickLabelFormat.compact), minor: all.filter { !major.contains($0) })
            }
        }
        let lin = linear(domain, count: m)
        return AxisTicks(major: lin.major, labels: lin.major.map(TickLabelFormat.compact))
    }

    static func symlog(_ domain: ClosedRange<Double>, threshold c: Double, count m: Int) -> AxisTicks {
        let maxAbs = max(abs(domain.lowerBound), abs(domain.upperBound))
        guard maxAbs > c else { return linear(domain, count: m) }
        let eLow = Int(log10(c).rounded(.up))
        let eHigh = Int(log10(maxAbs).rounded(.down))
        var candidates: [(e: Int, v: Double)] = []
        if eLow <= eHigh {
            for e in eLow...eHigh {
                let v = e >= 0 ? pow(10, Double(e)) : 1 / pow(10, Double(-e))
                if domain.contains(-v) { candidates.append((e, -v)) }
                if domain.contains(v) { candidates.append((e, v)) }
            }
        }
        let stride = strides.first { s in candidates.filter { $0.e % s == 0 }.count + 1 <= m } ?? strides.last!
        var major = candidates.filter { $0.e % stride == 0 }.map(\.v)
        if domain.contains(0) { major.append(0) }
        major.sort()
        let minor = candidates.filter { $0.e % stride != 0 }.map(\.v).sorted()
        return AxisTicks(major: major, labels: major.map(TickLabelFormat.compact), minor: minor)
    }
}
