/// The Cholesky factorisation `A = L·Lᵀ` of a symmetric positive definite matrix (LAPACK
/// `dpotrf`), and solves with it (`dpotrs`).
///
/// Used for the normal equations `(XᵀX) w = Xᵀy`, whose condition number is κ(X)²: the
/// factorisation is backward stable (Higham, *Accuracy and Stability of Numerical Algorithms*,
/// §10.1), but the squared conditioning is what the linear-regression chapter measures.
public struct Cholesky: Sendable {
    /// The lower-triangular factor L, zeros above the diagonal.
    public let lower: Matrix64

    /// Factorises `a`. Only its lower triangle (diagonal included) is read: symmetry is assumed,
    /// not checked.
    /// - Parameter a: a square symmetric positive definite matrix.
    /// - Throws: `LAPACKError`, e.g. `dpotrf: matrix not positive definite (leading minor 3)`
    ///   when the leading 3×3 minor is not positive definite.
    /// - Precondition: `a` is square.
    public init(_ a: Matrix64) throws {
        precondition(a.rows == a.cols, "Cholesky: needs a square matrix, got \(a.rows)×\(a.cols)")
        // Row-major storage read column-major is Aᵀ = A, and its upper triangle is A's lower
        // one: factorising it as "U" (A = UᵀU) leaves U, whose row-major reading is L = Uᵀ.
        var factor = a.storage
        try OpenBLAS.dpotrf(upper: true, n: a.rows, a: &factor)
        var l = Matrix64(rows: a.rows, cols: a.cols, storage: factor)
        for i in 0..<a.rows {
            for j in (i + 1)..<max(i + 1, a.cols) { l[i, j] = 0 }
        }
        lower = l
    }

    /// Solves `A x = b` with the factor: `L y = b`, then `Lᵀ x = y`.
    /// - Parameter b: the right-hand side, n elements.
    /// - Returns: x, n elements.
    /// - Throws: `LAPACKError` for an illegal argument (not expected).
    public func solve(_ b: [Double]) throws -> [Double] {
        try solve(Matrix64(rows: b.count, cols: 1, storage: b)).storage
    }

    /// Solves `A X = B` for several right-hand sides (the columns of `b`).
    /// - Parameter b: `n × nrhs`.
    /// - Returns: X, `n × nrhs`.
    /// - Throws: `LAPACKError` for an illegal argument (not expected).
    public func solve(_ b: Matrix64) throws -> Matrix64 {
        precondition(b.rows == lower.rows, "Cholesky.solve: right-hand side has \(b.rows) rows, A has \(lower.rows)")
        guard b.rows > 0, b.cols > 0 else { return b }
        var x = b.columnMajor
        // lower.storage read column-major is Lᵀ = U, the "U" factor dpotrs expects.
        try OpenBLAS.dpotrs(upper: true, n: lower.rows, nrhs: b.cols, factor: lower.storage, b: &x)
        return Matrix64(rows: b.rows, cols: b.cols, columnMajor: x)
    }
}

extension Cholesky {
    /// A⁻¹ from the factor (LAPACK `dpotri`), the full symmetric matrix.
    ///
    /// ```
    /// A⁻¹ = L⁻ᵀ · L⁻¹
    /// ```
    /// Used by GPTQ for the inverse Hessian. Backward stable like the factorisation; the relative
    /// error of A⁻¹ grows with κ(A) (Higham, §14.2), which is why GPTQ dampens H first.
    /// - Throws: `LAPACKError` when L has a zero on its diagonal (not possible for a factor
    ///   `init` accepted, but LAPACK's status is checked).
    public func inverse() throws -> Matrix64 {
        let n = lower.rows
        guard n > 0 else { return lower }
        // Row-major L read column-major is U = Lᵀ, the "U" factor dpotri expects; it writes the
        // upper triangle of A⁻¹ (column-major), which read row-major is the lower triangle.
        var a = lower.storage
        try OpenBLAS.dpotri(upper: true, n: n, a: &a)
        var inverse = Matrix64(rows: n, cols: n, storage: a)
        for i in 0..<n {
            for j in (i + 1)..<max(i + 1, n) { inverse[i, j] = inverse[j, i] }
        }
        return inverse
    }
}
