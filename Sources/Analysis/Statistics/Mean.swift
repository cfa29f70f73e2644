extension Collection where Element: BinaryFloatingPoint {
    /// The arithmetic mean.
    /// ```
    /// mean = (x₁ + … + xₙ) / n
    /// ```
    /// Summed in `Element` in order; a NaN anywhere gives NaN.
    /// - Precondition: the collection is not empty.
    public func mean() -> Element {
        precondition(!isEmpty, "mean of an empty collection")
        return reduce(0, +) / Element(count)
    }
}
