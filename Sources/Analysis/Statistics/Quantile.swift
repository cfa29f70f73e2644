extension Collection where Element: BinaryFloatingPoint {
    /// The `p`-quantile by linear interpolation between order statistics: Hyndman & Fan (1996)
    /// type 7, the default of R's `quantile` and NumPy's `percentile`.
    /// ```
    /// h = (n − 1)·p,   Q(p) = x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌊h⌋+1₎ − x₍⌊h⌋₎)
    /// ```
    /// with x₍ᵢ₎ the sorted values indexed from 0. `Q(0)` is the minimum, `Q(1)` the maximum,
    /// `Q(0.5)` the median. A NaN anywhere gives NaN.
    /// - Parameter p: the probability, in 0...1.
    /// - Complexity: O(n log n) for the sort.
    /// - Precondition: the collection is not empty and `p` is in 0...1.
    public func quantile(_ p: Element) -> Element {
        quantiles([p])[0]
    }

    /// Several type-7 quantiles, sorting once (see `quantile(_:)`).
    public func quantiles(_ ps: [Element]) -> [Element] {
        precondition(!isEmpty, "quantile of an empty collection")
        if contains(where: \.isNaN) { return ps.map { _ in .nan } }
        let sorted = self.sorted()
        return ps.map { sortedQuantile(sorted, $0) }
    }

    /// The median: the middle value, or the mean of the two middle values for even counts
    /// (type-7 quantile at ½). A NaN anywhere gives NaN.
    /// - Precondition: the collection is not empty.
    public func median() -> Element {
        quantile(0.5)
    }
}

/// Type-7 quantile of already sorted, NaN-free values.
func sortedQuantile<T: BinaryFloatingPoint>(_ sorted: [T], _ p: T) -> T {
    precondition((0...1).contains(p), "quantile probability \(p) outside 0...1")
    let h = T(sorted.count - 1) * p
    let lower = Int(h.rounded(.down))
    guard lower + 1 < sorted.count else { return sorted[sorted.count - 1] }
    let fraction = h - T(lower)
    return sorted[lower] + fraction * (sorted[lower + 1] - sorted[lower])
}
