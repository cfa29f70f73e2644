extension Collection where Element: BinaryFloatingPoint {
    /// The sample standard deviation, with Bessel's correction (divides by n − 1).
    /// ```
    /// s = √( Σ (xᵢ − x̄)² / (n − 1) )
    /// ```
    /// Two passes (mean first, then squared deviations), which avoids the cancellation of the
    /// one-pass Σx² − n·x̄² formula. A NaN anywhere gives NaN.
    /// - Returns: `s`; NaN for a single value (the spread of one sample is undefined).
    /// - Precondition: the collection is not empty.
    public func standardDeviation() -> Element {
        let m = mean()
        guard count > 1 else { return .nan }
        let squares = reduce(Element(0)) { $0 + ($1 - m) * ($1 - m) }
        return (squares / Element(count - 1)).squareRoot()
    }
}
