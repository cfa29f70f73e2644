import Kernels
import Tensor

/// The FP32 matrix products of training, on oneDNN's `sgemm` (DESIGN.md: OpenBLAS is slowed
/// here by the environment's core-type setting).
enum MatrixProduct {
    /// `op(A) · op(B)` for row-major rank-2 tensors, `op(X) = X or Xᵀ`.
    ///
    /// Layers do not throw: the shapes are checked here by precondition, so oneDNN can only
    /// reject the call when the library itself is broken, which no caller can recover from;
    /// that stops the process with oneDNN's status text.
    /// - Precondition: rank-2 operands whose inner extents agree.
    static func product(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false) -> Tensor {
        precondition(a.rank == 2 && b.rank == 2, "MatrixProduct: needs rank-2 tensors, got \(a.shape) and \(b.shape)")
        let (m, k) = transposeA ? (a.shape[1], a.shape[0]) : (a.shape[0], a.shape[1])
        let (kb, n) = transposeB ? (b.shape[1], b.shape[0]) : (b.shape[0], b.shape[1])
        precondition(k == kb, "MatrixProduct: inner extents differ, \(a.shape)\(transposeA ? "ᵀ" : "") · \(b.shape)\(transposeB ? "ᵀ" : "")")
        var c = [Float](repeating: 0, count: m * n)
        a.storage.withUnsafeBufferPointer { pa in
            b.storage.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    product(pa, pb, into: pc, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB)
                }
            }
        }
        return Tensor(shape: [m, n], storage: c)
    }

    /// `C = op(A) · op(B)` on buffers (row-major, `op(A)` is `m × k`, `op(B)` is `k × n`), for
    /// layers that multiply slices of a larger array (attention's per-head blocks).
    /// - Precondition: the buffers hold the shapes.
    static func product(
        _ a: UnsafeBufferPointer<Float>, _ b: UnsafeBufferPointer<Float>, into c: UnsafeMutableBufferPointer<Float>,
        m: Int, n: Int, k: Int, transposeA: Bool = false, transposeB: Bool = false
    ) {
        do {
            try sgemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, a: a, b: b, c: c)
        } catch {
            fatalError("oneDNN sgemm failed for \(m)×\(k)·\(k)×\(n): \(error)")
        }
    }
}
