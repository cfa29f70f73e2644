extension Matrix64 {
    /// The FP64 matrix product through OpenBLAS `dgemm`:
    /// ```
    /// C = op(A) · op(B),   op(X) = X or Xᵀ
    /// ```
    /// The reference product of the experiments (FP64 accumulation; its error is negligible next
    /// to any FP32 or lower-precision product it is compared with).
    /// - Parameters:
    ///   - a: the left factor A.
    ///   - b: the right factor B.
    ///   - transposeA: use Aᵀ in place of A.
    ///   - transposeB: use Bᵀ in place of B.
    /// - Returns: op(A) · op(B).
    /// - Precondition: the inner sizes agree.
    /// - Complexity: 2·m·n·k flops.
    public static func product(
        _ a: Matrix64, _ b: Matrix64, transposeA: Bool = false, transposeB: Bool = false
    ) -> Matrix64 {
        let c = OpenBLAS.dgemm(
            a.storage, aRows: a.rows, aCols: a.cols, transposeA: transposeA,
            b.storage, bRows: b.rows, bCols: b.cols, transposeB: transposeB)
        return Matrix64(rows: c.rows, cols: c.cols, storage: c.storage)
    }

    /// The FP64 matrix product `A · B` (OpenBLAS `dgemm`).
    public static func * (a: Matrix64, b: Matrix64) -> Matrix64 {
        product(a, b)
    }

    /// The FP64 matrix–vector product through OpenBLAS `dgemv`:
    /// ```
    /// y = op(A) · x
    /// ```
    /// - Parameters:
    ///   - x: a vector of `cols` elements (`rows` when transposed).
    ///   - transposed: use Aᵀ in place of A.
    /// - Returns: y, of `rows` elements (`cols` when transposed).
    public func product(vector x: [Double], transposed: Bool = false) -> [Double] {
        OpenBLAS.dgemv(storage, rows: rows, cols: cols, transpose: transposed, x)
    }
}
