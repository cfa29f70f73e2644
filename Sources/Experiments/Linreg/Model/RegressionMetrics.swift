/// Error measures of predictions and coefficients, in FP64.
public enum RegressionMetrics {
    /// Root mean squared error, `√((1/n) Σ (ŷᵢ − yᵢ)²)`, in the target's units.
    /// - Precondition: equal, non-zero lengths.
    public static func rmse(_ prediction: [Double], _ target: [Double]) -> Double {
        precondition(prediction.count == target.count && !target.isEmpty, "rmse: \(prediction.count) predictions, \(target.count) targets")
        let sum = zip(prediction, target).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        return (sum / Double(target.count)).squareRoot()
    }

    /// The coefficient of determination on the given targets,
    /// `R² = 1 − Σ (ŷᵢ − yᵢ)² / Σ (yᵢ − ȳ)²` (ȳ the mean of these targets; can be negative).
    public static func rSquared(_ prediction: [Double], _ target: [Double]) -> Double {
        let mean = target.reduce(0, +) / Double(target.count)
        let total = target.reduce(0.0) { $0 + ($1 - mean) * ($1 - mean) }
        let residual = zip(prediction, target).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        return 1 - residual / total
    }

    /// The relative error of a coefficient vector, `‖ŵ − w‖₂ / ‖w‖₂`.
    public static func relativeError(_ estimate: [Double], reference: [Double]) -> Double {
        precondition(estimate.count == reference.count, "relativeError: \(estimate.count) and \(reference.count) coefficients")
        let diff = zip(estimate, reference).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        let norm = reference.reduce(0.0) { $0 + $1 * $1 }
        return (diff / norm).squareRoot()
    }
}
