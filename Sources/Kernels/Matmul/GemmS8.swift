/// oneDNN's integer GEMM `C = A · B` on signed 8-bit codes with exact INT32 accumulation
/// (`dnnl_gemm_s8s8s32`, row-major, no offsets); used as the oneDNN INT8 GEMV alternative
/// (n = 1) and as an independent check of the matmul primitive.
/// - Parameters:
///   - a: `m × k` codes, row-major. - b: `k × n` codes, row-major.
/// - Returns: `m × n` accumulators, row-major.
/// - Precondition: buffer sizes match the shape; every extent ≥ 1.
/// - Throws: `DNNLError` when oneDNN rejects the call.
public func gemmS8(
    m: Int, n: Int, k: Int, a: UnsafeBufferPointer<Int8>, b: UnsafeBufferPointer<Int8>, c: UnsafeMutableBufferPointer<Int32>
) throws(DNNLError) {
    precondition(m >= 1 && n >= 1 && k >= 1, "gemmS8: every extent must be ≥ 1, got m=\(m) n=\(n) k=\(k)")
    precondition(a.count >= m * k && b.count >= k * n && c.count >= m * n,
                 "gemmS8: buffers (\(a.count), \(b.count), \(c.count)) too small for m=\(m) n=\(n) k=\(k)")
    try dnnlGemmS8S8S32(transposeA: false, transposeB: false, m: m, n: n, k: k,
                        a: a.baseAddress!, lda: k, b: b.baseAddress!, ldb: n, c: c.baseAddress!, ldc: n)
}
