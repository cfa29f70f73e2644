public import Tensor

/// Single-precision GEMM on oneDNN (`dnnl_sgemm`) for FP32 hot paths (training, references).
///
/// ```
/// C = alpha · op(A) · op(B) + beta · C,   op(X) = X or Xᵀ
/// ```
/// All matrices are row-major: `op(A)` is `m × k`, `op(B)` is `k × n`, `C` is `m × n`; A is stored
/// `m × k` (or `k × m` when transposed), B `k × n` (or `n × k`). FP32 accumulation in oneDNN's
/// blocking order, so results differ from a naive loop by rounding only (≈ k·2⁻²⁴ relative).
/// - Parameters:
///   - transposeA, transposeB: use Aᵀ / Bᵀ.
///   - alpha, beta: scalars; with `beta == 0`, C's previous contents are ignored (NaN included).
/// - Precondition: buffer sizes match the shape.
/// - Throws: `DNNLError` when oneDNN rejects the call.
public func sgemm(
    transposeA: Bool = false, transposeB: Bool = false, m: Int, n: Int, k: Int,
    alpha: Float = 1, a: UnsafeBufferPointer<Float>, b: UnsafeBufferPointer<Float>,
    beta: Float = 0, c: UnsafeMutableBufferPointer<Float>
) throws(DNNLError) {
    precondition(m >= 0 && n >= 0 && k >= 0, "sgemm: negative dimension m=\(m) n=\(n) k=\(k)")
    precondition(a.count >= m * k && b.count >= k * n && c.count >= m * n,
                 "sgemm: buffers (\(a.count), \(b.count), \(c.count)) too small for m=\(m) n=\(n) k=\(k)")
    guard m > 0, n > 0 else { return }
    guard k > 0 else {
        // oneDNN would also scale by beta; do it here to keep empty products free of C calls.
        for i in 0..<(m * n) { c[i] = beta == 0 ? 0 : beta * c[i] }
        return
    }
    try dnnlSgemm(
        transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
        a: a.baseAddress!, lda: transposeA ? m : k, b: b.baseAddress!, ldb: transposeB ? k : n,
        beta: beta, c: c.baseAddress!, ldc: n)
}

/// `A · B` for row-major tensors of shapes `[m, k]` and `[k, n]` on oneDNN's FP32 GEMM.
/// - Precondition: both tensors are 2-D and their inner extents agree.
/// - Throws: `DNNLError` when oneDNN rejects the call.
public func sgemm(_ a: Tensor, _ b: Tensor) throws(DNNLError) -> Tensor {
    precondition(a.shape.count == 2 && b.shape.count == 2 && a.shape[1] == b.shape[0],
                 "sgemm: shapes \(a.shape) · \(b.shape) do not chain")
    let (m, k, n) = (a.shape[0], a.shape[1], b.shape[1])
    var c = [Float](repeating: 0, count: m * n)
    try a.storage.withUnsafeBufferPointer { (pa) throws(DNNLError) in
        try b.storage.withUnsafeBufferPointer { (pb) throws(DNNLError) in
            try c.withUnsafeMutableBufferPointer { (pc) throws(DNNLError) in
                try sgemm(m: m, n: n, k: k, a: pa, b: pb, c: pc)
            }
        }
    }
    return Tensor(shape: [m, n], storage: c)
}
