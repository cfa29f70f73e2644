import Foundation

/// How a histogram chooses its bins from n finite values spanning [min, max].
///
/// ```
/// freedmanDiaconis:  h = 2 · IQR · n^(−1/3)          (Freedman & Diaconis 1981)
/// scott:             h = 3.49 · σ · n^(−1/3)          (Scott 1979; σ with n − 1)
/// sturges:           k = ⌈log2 n⌉ + 1                 (Sturges 1926)
/// count(k):          k bins
/// width(h):          bins of width h aligned to multiples of h
/// ```
/// For width rules k = max(1, ⌈(max − min) / h⌉) and the k bins split [min, max] evenly, as
/// numpy's `histogram_bin_edges` does. When the spread is zero (IQR or σ is 0) the rule falls
/// back to Sturges, and a single distinct value gets one bin of width 1 centred on it.
public enum BinRule: Sendable, Hashable {
    case freedmanDiaconis
    case scott
    case sturges
    case count(Int)
    case width(Double)

    /// The rule's name as written in notes.
    public var name: String {
        switch self {
        case .freedmanDiaconis: "Freedman–Diaconis (h = 2·IQR·n^−1/3)"
        case .scott: "Scott (h = 3.49·σ·n^−1/3)"
        case .sturges: "Sturges (k = ⌈log2 n⌉ + 1)"
        case .count(let k): "\(k) bins"
        case .width(let h): "width \(h)"
        }
    }

    /// The bin edges for `values` (finite values only; callers filter first).
    ///
    /// - Returns: k + 1 increasing edges; empty when `values` is empty.
    public func edges(for values: [Double]) -> [Double] {
        guard let lo = values.min(), let hi = values.max() else { return [] }
        if lo == hi { return [lo - 0.5, lo + 0.5] }
        let n = Double(values.count)
        let span = hi - lo
        var k: Int
        switch self {
        case .freedmanDiaconis:
            let sorted = values.sorted()
            let iqr = BinRule.quantile(sorted, 0.75) - BinRule.quantile(sorted, 0.25)
            k = iqr > 0 ? Int((span / (2 * iqr * pow(n, -1.0 / 3))).rounded(.up)) : BinRule.sturgesCount(n)
        case .scott:
            let mean = values.reduce(0, +) / n
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / max(n - 1, 1)
            let sigma = variance.squareRoot()
            k = sigma > 0 ? Int((span / (3.49 * sigma * pow(n, -1.0 / 3))).rounded(.up)) : BinRule.sturgesCount(n)
        case .sturges:
            k = BinRule.sturgesCount(n)
        case .count(let c):
            precondition(c >= 1, "BinRule.count(\(c)): need at least one bin")
            k = c
        case .width(let h):
            precondition(h > 0, "BinRule.width(\(h)): width must be positive")
            let start = (lo / h).rounded(.down) * h
            let count = max(1, Int(((hi - start) / h).rounded(.up)))
            let last = start + Double(count) * h
            return (0...count).map { $0 == count && last < hi ? hi : start + Double($0) * h }
        }
        k = max(1, min(k, 10_000))
        return (0...k).map { $0 == k ? hi : lo + span * Double($0) / Double(k) }
    }

    /// Counts per bin; the last bin is closed on the right, as in numpy.
    static func counts(_ values: [Double], edges: [Double]) -> [Int] {
        guard edges.count >= 2 else { return [] }
        var counts = [Int](repeating: 0, count: edges.count - 1)
        for v in values {
            // Binary search: the last edge ≤ v.
            var lo = 0
            var hi = edges.count - 1
            while hi - lo > 1 {
                let mid = (lo + hi) / 2
                if edges[mid] <= v { lo = mid } else { hi = mid }
            }
            if v >= edges[0] && v <= edges[edges.count - 1] { counts[lo] += 1 }
        }
        return counts
    }

    private static func sturgesCount(_ n: Double) -> Int { Int(log2(n).rounded(.up)) + 1 }

    /// Quantile with linear interpolation between order statistics (Hyndman & Fan type 7, numpy's default).
    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        let position = p * Double(sorted.count - 1)
        let i = Int(position)
        guard i + 1 < sorted.count else { return sorted[sorted.count - 1] }
        return sorted[i] + (sorted[i + 1] - sorted[i]) * (position - Double(i))
    }
}
