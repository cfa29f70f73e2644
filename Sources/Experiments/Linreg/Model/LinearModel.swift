public import Tensor

/// A linear model ŷ = x·w + b in FP64: the fitted reference and its quantized variants.
public struct LinearModel: Sendable, Equatable {
    /// w, one per feature.
    public var weights: [Double]
    /// b.
    public var bias: Double

    /// A model with these coefficients.
    public init(weights: [Double], bias: Double) {
        self.weights = weights
        self.bias = bias
    }

    /// The least-squares fit with an intercept, by Householder QR in FP64 (LAPACK `dgels` on
    /// [X 1]): the reference every quantized variant is measured against.
    /// - Throws: `LAPACKError` when [X 1] is rank deficient.
    public static func leastSquares(_ x: Matrix64, _ y: [Double]) throws -> LinearModel {
        var augmented = Matrix64(rows: x.rows, cols: x.cols + 1, repeating: 1)
        for i in 0..<x.rows {
            for j in 0..<x.cols { augmented[i, j] = x[i, j] }
        }
        let solution = try augmented.leastSquares(y)
        return LinearModel(weights: Array(solution.dropLast()), bias: solution.last!)
    }

    /// ŷ for every row of `x` (FP64 dgemv).
    public func predict(_ x: Matrix64) -> [Double] {
        x.product(vector: weights).map { $0 + bias }
    }
}
