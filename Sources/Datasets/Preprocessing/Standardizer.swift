public import Tensor

/// Per-column standardisation fitted on a training split and applied unchanged to any split:
/// ```
/// z = (x − μ) / σ,   μ = (1/n) Σ xᵢ,   σ = √((1/n) Σ (xᵢ − μ)²)
/// ```
/// σ is the population standard deviation (÷ n), so the fitted columns of the training split
/// come out with mean 0 and standard deviation 1 exactly up to rounding. Fitting on the
/// training split only keeps test statistics out of the model.
///
/// A constant (zero-variance) training column gets σ = 1: it is centred to zero rather than
/// divided by zero, and a test value that differs from the training constant passes through
/// as its plain difference. NaN in the input propagates.
public struct Standardizer: Equatable, Sendable, Codable {
    /// μ per column.
    public let mean: [Double]
    /// σ per column; 1 for a zero-variance column.
    public let std: [Double]

    /// Creates a standardiser from known statistics.
    /// - Precondition: equal lengths and every σ > 0.
    public init(mean: [Double], std: [Double]) {
        precondition(mean.count == std.count, "Standardizer: \(mean.count) means, \(std.count) deviations")
        precondition(std.allSatisfy { $0 > 0 }, "Standardizer: every deviation must be positive")
        self.mean = mean
        self.std = std
    }

    /// Fits μ and σ per column of `x` (two passes in FP64: mean, then squared deviations).
    /// - Precondition: `x` has at least one row.
    public init(fitting x: Matrix64) {
        precondition(x.rows >= 1, "Standardizer: cannot fit on zero rows")
        var mean = [Double](repeating: 0, count: x.cols)
        for i in 0..<x.rows {
            for j in 0..<x.cols { mean[j] += x.storage[i * x.cols + j] }
        }
        for j in 0..<x.cols { mean[j] /= Double(x.rows) }
        var variance = [Double](repeating: 0, count: x.cols)
        for i in 0..<x.rows {
            for j in 0..<x.cols {
                let d = x.storage[i * x.cols + j] - mean[j]
                variance[j] += d * d
            }
        }
        self.init(mean: mean, std: variance.map { $0 > 0 ? ($0 / Double(x.rows)).squareRoot() : 1 })
    }

    /// z = (x − μ) / σ for every row of `x`.
    /// - Precondition: `x.cols` equals the number of fitted columns.
    public func transform(_ x: Matrix64) -> Matrix64 {
        map(x) { value, j in (value - mean[j]) / std[j] }
    }

    /// x = z · σ + μ: undoes `transform` (up to rounding).
    public func inverseTransform(_ z: Matrix64) -> Matrix64 {
        map(z) { value, j in value * std[j] + mean[j] }
    }

    /// `transform` for a rank-2 tensor `[N, columns]`, computed in FP64 and rounded to FP32.
    public func transform(_ x: Tensor) -> Tensor {
        precondition(x.rank == 2, "Standardizer: needs a rank-2 tensor, got \(x.shape)")
        return Tensor(transform(Matrix64(x)))
    }

    private func map(_ x: Matrix64, _ body: (Double, Int) -> Double) -> Matrix64 {
        precondition(x.cols == mean.count, "Standardizer: fitted on \(mean.count) columns, got \(x.cols)")
        var out = x
        for i in 0..<x.rows {
            for j in 0..<x.cols { out.storage[i * x.cols + j] = body(x.storage[i * x.cols + j], j) }
        }
        return out
    }
}
