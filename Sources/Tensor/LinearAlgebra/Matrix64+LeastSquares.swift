extension Matrix64 {
    /// The least-squares solution by Householder QR (LAPACK `dgels`):
    /// ```
    /// x = argmin ‖A x − b‖₂
    /// ```
    /// For m ≥ n (overdetermined, full column rank) this is the usual solution, with backward
    /// error O(ε) and forward error O(ε·κ(A)) for a small residual (Golub & Van Loan, *Matrix
    /// Computations*, §5.3); for m < n it is the minimum-norm solution. Unlike the normal
    /// equations, QR does not square the condition number.
    /// - Parameter b: the right-hand side, `rows` elements.
    /// - Returns: x, `cols` elements.
    /// - Throws: `LAPACKError` ("dgels: matrix not of full rank …") when R has an exact zero
    ///   on its diagonal.
    public func leastSquares(_ b: [Double]) throws -> [Double] {
        try leastSquares(Matrix64(rows: b.count, cols: 1, storage: b)).storage
    }

    /// Least squares for several right-hand sides at once: column j of the result minimises
    /// `‖A xⱼ − bⱼ‖₂` (LAPACK `dgels`).
    /// - Parameter b: `rows × nrhs`.
    /// - Returns: `cols × nrhs`.
    /// - Throws: `LAPACKError` when A is not of full rank.
    public func leastSquares(_ b: Matrix64) throws -> Matrix64 {
        precondition(b.rows == rows, "leastSquares: right-hand side has \(b.rows) rows, A has \(rows)")
        guard rows > 0, cols > 0, b.cols > 0 else { return Matrix64(rows: cols, cols: b.cols) }
        let ldb = max(rows, cols)
        var a = columnMajor
        // B is column-major with leading dimension max(m, n): the solution overwrites its
        // first n rows even when n > m.
        var rhs = [Double](repeating: 0, count: ldb * b.cols)
        for j in 0..<b.cols {
            for i in 0..<rows { rhs[j * ldb + i] = b.storage[i * b.cols + j] }
        }
        try OpenBLAS.dgels(m: rows, n: cols, nrhs: b.cols, a: &a, b: &rhs)
        var x = Matrix64(rows: cols, cols: b.cols)
        for j in 0..<b.cols {
            for i in 0..<cols { x.storage[i * b.cols + j] = rhs[j * ldb + i] }
        }
        return x
    }
}
