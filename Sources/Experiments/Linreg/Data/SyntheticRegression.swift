public import Tensor

/// A synthetic regression problem with a chosen condition number:
/// ```
/// X = √N · U · diag(σ) · Vᵀ,  σ log-spaced from 1 to 1/κ   (Matrix64.withConditionNumber)
/// w ~ N(0, I),   y = X w + noise · ε,   ε ~ N(0, I)
/// ```
/// The √N factor makes the entries of X of order one, as standardised features are. The first
/// `trainCount` rows are the training part and the rest the test part; the rows of U are
/// exchangeable, so the split is a random one.
public struct SyntheticRegression: Sendable {
    /// The training rows of X and their targets.
    public let train: (x: Matrix64, y: [Double])
    /// The test rows of X and their targets.
    public let test: (x: Matrix64, y: [Double])
    /// The generating coefficients w.
    public let coefficients: [Double]

    /// A problem drawn from `rng`.
    /// - Throws: `LAPACKError` from the random orthogonal factors (not expected).
    public init(
        trainCount: Int, testCount: Int, features: Int, kappa: Double, noise: Double,
        using rng: inout some RandomNumberGenerator
    ) throws {
        let n = trainCount + testCount
        var x = try Matrix64.withConditionNumber(rows: n, cols: features, kappa: kappa, using: &rng)
        let scale = Double(n).squareRoot()
        for i in x.storage.indices { x.storage[i] *= scale }
        let w = (0..<features).map { _ in rng.nextNormal() }
        let clean = x.product(vector: w)
        let y = clean.map { $0 + noise * rng.nextNormal() }
        train = (x.rows(at: Array(0..<trainCount)), Array(y[..<trainCount]))
        test = (x.rows(at: Array(trainCount..<n)), Array(y[trainCount...]))
        coefficients = w
    }
}
