/// Min-max calibration: the observed extremes.
public enum MinMax {
    /// [min, max] of `values`, or [−max|x|, max|x|] when symmetric. An empty input gives [0, 0].
    /// - Complexity: O(n), vectorized (`Reductions.minMax`).
    public static func range(of values: [Float], symmetric: Bool) -> ClippingRange {
        guard !values.isEmpty else { return ClippingRange(lower: 0, upper: 0) }
        let (lo, hi) = Reductions.minMax(values)
        return symmetric ? ClippingRange(symmetric: max(lo.magnitude, hi.magnitude)) : ClippingRange(lower: lo, upper: hi)
    }
}
