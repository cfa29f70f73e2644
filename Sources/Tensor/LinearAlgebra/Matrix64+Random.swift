#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Matrix64 {
    /// A matrix of independent standard normal entries N(0, 1), filled in row-major order.
    public static func gaussian(rows: Int, cols: Int, using rng: inout some RandomNumberGenerator) -> Matrix64 {
        var m = Matrix64(rows: rows, cols: cols)
        for i in m.storage.indices { m.storage[i] = rng.nextNormal() }
        return m
    }

    /// A random matrix with orthonormal columns (`QᵀQ = I`), Haar-distributed.
    ///
    /// The Q factor of a Gaussian matrix (LAPACK `dgeqrf`, then `dorgqr`), with column j
    /// multiplied by sign(Rⱼⱼ) so that the distribution is uniform on the Stiefel manifold
    /// (Mezzadri, "How to generate random matrices from the classical compact groups", 2007).
    /// Orthonormal to rounding: ‖QᵀQ − I‖ = O(ε·n).
    /// - Parameters:
    ///   - rows: m.
    ///   - cols: n ≤ m.
    ///   - rng: the seeded generator.
    /// - Returns: an m × n matrix; square and orthogonal when m = n.
    /// - Throws: `LAPACKError` for an illegal argument (not expected).
    public static func randomOrthogonal(
        rows: Int, cols: Int, using rng: inout some RandomNumberGenerator
    ) throws -> Matrix64 {
        precondition(cols <= rows && cols >= 0, "randomOrthogonal: needs cols ≤ rows, got \(rows)×\(cols)")
        guard cols > 0 else { return Matrix64(rows: rows, cols: 0) }
        var a = gaussian(rows: rows, cols: cols, using: &rng).columnMajor
        let tau = try OpenBLAS.dgeqrf(m: rows, n: cols, a: &a)
        let signs = (0..<cols).map { a[$0 * rows + $0] < 0 ? -1.0 : 1.0 }
        try OpenBLAS.dorgqr(m: rows, n: cols, a: &a, tau: tau)
        for j in 0..<cols where signs[j] < 0 {
            for i in 0..<rows { a[j * rows + i] = -a[j * rows + i] }
        }
        return Matrix64(rows: rows, cols: cols, columnMajor: a)
    }

    /// `count` singular values log-spaced from 1 down to 1/κ:
    /// ```
    /// σᵢ = κ^(−i/(count−1)),   i = 0 … count−1
    /// ```
    /// - Precondition: `count ≥ 1`, `kappa ≥ 1`; a single value is 1.
    public static func logSpacedSingularValues(count: Int, kappa: Double) -> [Double] {
        precondition(count >= 1 && kappa >= 1, "logSpacedSingularValues: needs count ≥ 1 and κ ≥ 1, got \(count), \(kappa)")
        guard count > 1 else { return [1] }
        return (0..<count).map { i in
            i == count - 1 ? 1 / kappa : pow(kappa, -Double(i) / Double(count - 1))
        }
    }

    /// A random m × n matrix with a chosen 2-norm condition number:
    /// ```
    /// X = U · diag(σ) · Vᵀ,   σ log-spaced from 1 to 1/κ
    /// ```
    /// with U (m × n) and V (n × n) random orthonormal (`randomOrthogonal`). So ‖X‖₂ = 1 and
    /// κ₂(X) = κ up to rounding (relative error O(ε·κ) in the smallest singular value).
    /// - Parameters:
    ///   - rows: m.
    ///   - cols: n ≤ m.
    ///   - kappa: the condition number κ ≥ 1.
    ///   - rng: the seeded generator.
    /// - Throws: `LAPACKError` for an illegal argument (not expected).
    public static func withConditionNumber(
        rows: Int, cols: Int, kappa: Double, using rng: inout some RandomNumberGenerator
    ) throws -> Matrix64 {
        precondition(cols >= 1 && cols <= rows, "withConditionNumber: needs 1 ≤ cols ≤ rows, got \(rows)×\(cols)")
        var u = try randomOrthogonal(rows: rows, cols: cols, using: &rng)
        let v = try randomOrthogonal(rows: cols, cols: cols, using: &rng)
        let sigma = logSpacedSingularValues(count: cols, kappa: kappa)
        for i in 0..<rows {
            for j in 0..<cols { u.storage[i * cols + j] *= sigma[j] }
        }
        return product(u, v, transposeB: true)
    }
}
