/// The change of a configuration's test RMSE against the FP64 fit on the same folds: the one
/// statistic of the linreg chapter's tables, figures and sentences.
///
/// ```
/// d_f = mean over seeds of RMSE(configuration, f) / RMSE(FP64 fit, f) − 1     per fold f
/// change = median_f d_f,  with the 95 % percentile-bootstrap interval over folds
/// ```
/// Folds are the resampled unit (seeds are averaged within their fold first), and both models
/// are scored on the same test rows, so fold-to-fold differences in difficulty cancel. Two
/// configurations are compared by the same statistic of their per-fold differences
/// (`difference(to:)`), paired on the folds they share.
public struct PairedChange: Sendable, Hashable {
    /// The identity of a fold: dataset, repeat and fold index as stored.
    public typealias Fold = [String]

    /// median_f d_f with its 95 % bootstrap interval (fractions: 0.01 is 1 %).
    public let change: ConfidenceInterval
    /// d_f per fold.
    public let perFold: [Fold: Double]

    /// The statistic of per-fold changes.
    /// - Precondition: at least one fold.
    public init(perFold: [Fold: Double]) {
        precondition(!perFold.isEmpty, "PairedChange: no folds")
        self.perFold = perFold
        change = perFold.keys.sorted { $0.lexicographicallyPrecedes($1) }.map { perFold[$0]! }.medianConfidenceInterval()
    }

    /// Folds behind the statistic.
    public var folds: Int { perFold.count }

    /// Whether the interval excludes 0: the configuration changes the RMSE beyond fold-to-fold noise.
    public var isSignificant: Bool { change.lower > 0 || change.upper < 0 }

    /// The paired statistic of d_f(self) − d_f(other) over the folds both have; `nil` when they
    /// share none. An interval entirely below 0 means self is better on these folds.
    public func difference(to other: PairedChange) -> ConfidenceInterval? {
        let shared = perFold.keys.filter { other.perFold[$0] != nil }.sorted { $0.lexicographicallyPrecedes($1) }
        guard !shared.isEmpty else { return nil }
        return shared.map { perFold[$0]! - other.perFold[$0]! }.medianConfidenceInterval()
    }
}
