extension Tensor {
    /// The FP32 matrix product of two rank-2 tensors through OpenBLAS `sgemm`:
    /// ```
    /// C = op(A) · op(B),   op(X) = X or Xᵀ
    /// ```
    /// A second reference only: every timed FP32 product uses oneDNN (the `Kernels` module),
    /// because this environment pins OpenBLAS to its Haswell kernels (DESIGN.md).
    /// - Parameters:
    ///   - a: the left factor, shape `[m, k]` (`[k, m]` when transposed).
    ///   - b: the right factor, shape `[k, n]` (`[n, k]` when transposed).
    ///   - transposeA: use Aᵀ in place of A.
    ///   - transposeB: use Bᵀ in place of B.
    /// - Returns: shape `[m, n]`, accumulated in FP32 by OpenBLAS.
    /// - Precondition: both tensors have rank 2 and the inner sizes agree.
    public static func matrixProduct(
        _ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false
    ) -> Tensor {
        precondition(a.rank == 2 && b.rank == 2, "matrixProduct: needs rank-2 tensors, got \(a.shape) and \(b.shape)")
        let c = OpenBLAS.sgemm(
            a.storage, aRows: a.shape[0], aCols: a.shape[1], transposeA: transposeA,
            b.storage, bRows: b.shape[0], bCols: b.shape[1], transposeB: transposeB)
        return Tensor(shape: [c.rows, c.cols], storage: c.storage)
    }

    /// The FP32 matrix–vector product through OpenBLAS `sgemv`:
    /// ```
    /// y = op(A) · x
    /// ```
    /// - Parameters:
    ///   - a: shape `[m, n]`.
    ///   - x: shape `[n]` (`[m]` when transposed).
    ///   - transposeA: use Aᵀ in place of A.
    /// - Returns: shape `[m]` (`[n]` when transposed).
    /// - Precondition: `a` has rank 2, `x` rank 1, and the sizes agree.
    public static func matrixVectorProduct(_ a: Tensor, _ x: Tensor, transposeA: Bool = false) -> Tensor {
        precondition(a.rank == 2 && x.rank == 1, "matrixVectorProduct: needs [m, n] and [n], got \(a.shape) and \(x.shape)")
        let y = OpenBLAS.sgemv(a.storage, rows: a.shape[0], cols: a.shape[1], transpose: transposeA, x.storage)
        return Tensor(shape: [y.count], storage: y)
    }
}
