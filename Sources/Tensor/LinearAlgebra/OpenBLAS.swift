internal import COpenBLAS

/// Every call into OpenBLAS (CBLAS and the Fortran LAPACK symbols) lives in this file.
///
/// CBLAS calls take row-major arrays. LAPACK is column-major and takes every argument by
/// pointer; callers here pass column-major buffers and get `LAPACKError` for `info ≠ 0`.
/// Sizes are checked to fit LAPACK's 32-bit `int` (Debian's OpenBLAS is not built with
/// 64-bit integers).
enum OpenBLAS {
    // MARK: Identification

    /// The core type whose kernels OpenBLAS dispatched, e.g. "Haswell".
    static var coreName: String { openblas_get_corename().map { String(cString: $0) } ?? "unknown" }

    /// The build configuration string.
    static var config: String { openblas_get_config().map { String(cString: $0) } ?? "unknown" }

    /// Threads OpenBLAS uses.
    static var threadCount: Int { Int(openblas_get_num_threads()) }

    // MARK: BLAS (row-major)

    /// `C = op(A) · op(B)` in FP64; A is `aRows × aCols`, B is `bRows × bCols`, both row-major.
    static func dgemm(
        _ a: [Double], aRows: Int, aCols: Int, transposeA: Bool,
        _ b: [Double], bRows: Int, bCols: Int, transposeB: Bool
    ) -> (storage: [Double], rows: Int, cols: Int) {
        gemm("dgemm", aRows: aRows, aCols: aCols, transposeA: transposeA, bRows: bRows, bCols: bCols, transposeB: transposeB) {
            cblas_dgemm(CblasRowMajor, $0.transA, $0.transB, $0.m, $0.n, $0.k, 1, a, $0.lda, b, $0.ldb, 0, $1, $0.ldc)
        }
    }

    /// `C = op(A) · op(B)` in FP32; the same layout rules as `dgemm`.
    static func sgemm(
        _ a: [Float], aRows: Int, aCols: Int, transposeA: Bool,
        _ b: [Float], bRows: Int, bCols: Int, transposeB: Bool
    ) -> (storage: [Float], rows: Int, cols: Int) {
        gemm("sgemm", aRows: aRows, aCols: aCols, transposeA: transposeA, bRows: bRows, bCols: bCols, transposeB: transposeB) {
            cblas_sgemm(CblasRowMajor, $0.transA, $0.transB, $0.m, $0.n, $0.k, 1, a, $0.lda, b, $0.ldb, 0, $1, $0.ldc)
        }
    }

    /// `y = op(A) · x` in FP64, A row-major `rows × cols`.
    static func dgemv(_ a: [Double], rows: Int, cols: Int, transpose: Bool, _ x: [Double]) -> [Double] {
        gemv("dgemv", rows: rows, cols: cols, transpose: transpose, vectorCount: x.count) {
            cblas_dgemv(CblasRowMajor, op(transpose), int(rows), int(cols), 1, a, int(cols), x, 1, 0, $0, 1)
        }
    }

    /// `y = op(A) · x` in FP32, A row-major `rows × cols`.
    static func sgemv(_ a: [Float], rows: Int, cols: Int, transpose: Bool, _ x: [Float]) -> [Float] {
        gemv("sgemv", rows: rows, cols: cols, transpose: transpose, vectorCount: x.count) {
            cblas_sgemv(CblasRowMajor, op(transpose), int(rows), int(cols), 1, a, int(cols), x, 1, 0, $0, 1)
        }
    }

    /// The CBLAS arguments of a row-major product, derived once for both precisions.
    private struct GemmArguments {
        let transA: CBLAS_TRANSPOSE, transB: CBLAS_TRANSPOSE
        let m: Int32, n: Int32, k: Int32, lda: Int32, ldb: Int32, ldc: Int32
    }

    /// Checks the sizes, allocates C and calls `body` unless a size is 0 (CBLAS rejects
    /// leading dimensions of 0; the product is then all zeros or empty).
    private static func gemm<T: BinaryFloatingPoint>(
        _ routine: String, aRows: Int, aCols: Int, transposeA: Bool, bRows: Int, bCols: Int, transposeB: Bool,
        _ body: (GemmArguments, UnsafeMutablePointer<T>) -> Void
    ) -> (storage: [T], rows: Int, cols: Int) {
        let (m, k) = transposeA ? (aCols, aRows) : (aRows, aCols)
        let (kb, n) = transposeB ? (bCols, bRows) : (bRows, bCols)
        precondition(k == kb, "\(routine): inner sizes differ, \(k) against \(kb)")
        var c = [T](repeating: 0, count: m * n)
        guard m > 0, n > 0, k > 0 else { return (c, m, n) }
        let arguments = GemmArguments(
            transA: op(transposeA), transB: op(transposeB), m: int(m), n: int(n), k: int(k),
            lda: int(aCols), ldb: int(bCols), ldc: int(n))
        c.withUnsafeMutableBufferPointer { body(arguments, $0.baseAddress!) }
        return (c, m, n)
    }

    /// Checks the sizes, allocates y and calls `body` unless A is empty.
    private static func gemv<T: BinaryFloatingPoint>(
        _ routine: String, rows: Int, cols: Int, transpose: Bool, vectorCount: Int,
        _ body: (UnsafeMutablePointer<T>) -> Void
    ) -> [T] {
        let (inner, outer) = transpose ? (rows, cols) : (cols, rows)
        precondition(vectorCount == inner, "\(routine): vector of \(vectorCount) for \(transpose ? "transposed " : "")\(rows)×\(cols)")
        var y = [T](repeating: 0, count: outer)
        guard rows > 0, cols > 0 else { return y }
        y.withUnsafeMutableBufferPointer { body($0.baseAddress!) }
        return y
    }

    // MARK: LAPACK (column-major)

    /// Least squares `min ‖A x − B‖₂` by QR (`dgels`, no transpose), A `m × n` with m ≥ n.
    /// `a` is overwritten by the factorization; `b` (leading dimension `max(m, n)`, `nrhs`
    /// columns) by the solution in its first n rows.
    static func dgels(m: Int, n: Int, nrhs: Int, a: inout [Double], b: inout [Double]) throws {
        var trans = CChar(UInt8(ascii: "N"))
        var (m32, n32, nrhs32) = (int(m), int(n), int(nrhs))
        var lda = int(max(1, m)), ldb = int(max(1, m, n))
        var info: Int32 = 0
        workspace { work, lwork in
            dgels_(&trans, &m32, &n32, &nrhs32, &a, &lda, &b, &ldb, work, &lwork, &info)
            return info
        }
        try check("dgels", info, meaning: "matrix not of full rank: zero on the diagonal of R", valueName: "column")
    }

    /// Cholesky factor of a symmetric positive definite `n × n` column-major matrix (`dpotrf`).
    /// Only the `uplo` triangle is read and overwritten by the factor.
    static func dpotrf(upper: Bool, n: Int, a: inout [Double]) throws {
        var uplo = CChar(UInt8(ascii: upper ? "U" : "L"))
        var n32 = int(n), lda = int(max(1, n))
        var info: Int32 = 0
        dpotrf_(&uplo, &n32, &a, &lda, &info)
        try check("dpotrf", info, meaning: "matrix not positive definite", valueName: "leading minor")
    }

    /// Solves `A X = B` from the factor `dpotrf` left in `factor` (`dpotrs`); `b` is
    /// column-major `n × nrhs` and is overwritten by X.
    static func dpotrs(upper: Bool, n: Int, nrhs: Int, factor: [Double], b: inout [Double]) throws {
        var uplo = CChar(UInt8(ascii: upper ? "U" : "L"))
        var (n32, nrhs32) = (int(n), int(nrhs))
        var lda = int(max(1, n)), ldb = int(max(1, n))
        var info: Int32 = 0
        dpotrs_(&uplo, &n32, &nrhs32, factor, &lda, &b, &ldb, &info)
        try check("dpotrs", info, meaning: "unexpected status", valueName: "info")
    }

    /// Overwrites the `uplo` triangle of the factor `dpotrf` left in `a` (column-major `n × n`)
    /// with that triangle of A⁻¹ (`dpotri`).
    static func dpotri(upper: Bool, n: Int, a: inout [Double]) throws {
        var uplo = CChar(UInt8(ascii: upper ? "U" : "L"))
        var n32 = int(n), lda = int(max(1, n))
        var info: Int32 = 0
        dpotri_(&uplo, &n32, &a, &lda, &info)
        try check("dpotri", info, meaning: "factor singular: zero on the diagonal", valueName: "diagonal element")
    }

    /// Singular values (descending) of a column-major `m × n` matrix (`dgesvd`, no vectors);
    /// `a` is destroyed.
    static func dgesvdValues(m: Int, n: Int, a: inout [Double]) throws -> [Double] {
        var job = CChar(UInt8(ascii: "N"))
        var (m32, n32) = (int(m), int(n))
        var lda = int(max(1, m)), ldu: Int32 = 1, ldvt: Int32 = 1
        var s = [Double](repeating: 0, count: min(m, n))
        var u = [Double](repeating: 0, count: 1), vt = [Double](repeating: 0, count: 1)
        var info: Int32 = 0
        workspace { work, lwork in
            dgesvd_(&job, &job, &m32, &n32, &a, &lda, &s, &u, &ldu, &vt, &ldvt, work, &lwork, &info)
            return info
        }
        try check("dgesvd", info, meaning: "singular values did not converge", valueName: "superdiagonals")
        return s
    }

    /// Householder QR of a column-major `m × n` matrix (`dgeqrf`): R in the upper triangle of
    /// `a`, the reflectors below it; returns their scalars τ.
    static func dgeqrf(m: Int, n: Int, a: inout [Double]) throws -> [Double] {
        var (m32, n32) = (int(m), int(n))
        var lda = int(max(1, m))
        var tau = [Double](repeating: 0, count: min(m, n))
        var info: Int32 = 0
        workspace { work, lwork in
            dgeqrf_(&m32, &n32, &a, &lda, &tau, work, &lwork, &info)
            return info
        }
        try check("dgeqrf", info, meaning: "unexpected status", valueName: "info")
        return tau
    }

    /// Overwrites the output of `dgeqrf` with the first n columns of Q (`dorgqr`).
    static func dorgqr(m: Int, n: Int, a: inout [Double], tau: [Double]) throws {
        var (m32, n32, k32) = (int(m), int(n), int(tau.count))
        var lda = int(max(1, m))
        var info: Int32 = 0
        workspace { work, lwork in
            dorgqr_(&m32, &n32, &k32, &a, &lda, tau, work, &lwork, &info)
            return info
        }
        try check("dorgqr", info, meaning: "unexpected status", valueName: "info")
    }

    // MARK: Helpers

    /// Runs a LAPACK routine twice: first with `lwork = −1` (a workspace query that writes the
    /// optimal size into `work[0]`), then with a workspace of that size.
    /// A failing query returns at once; the caller's `check` then reports its `info`.
    private static func workspace(_ call: (UnsafeMutablePointer<Double>, inout Int32) -> Int32) {
        var query = [Double](repeating: 0, count: 1)
        var lwork: Int32 = -1
        let status = query.withUnsafeMutableBufferPointer { call($0.baseAddress!, &lwork) }
        guard status == 0 else { return }
        let size = max(1, Int(query[0].rounded(.up)))
        var work = [Double](repeating: 0, count: size)
        lwork = int(size)
        _ = work.withUnsafeMutableBufferPointer { call($0.baseAddress!, &lwork) }
    }

    private static func check(_ routine: String, _ info: Int32, meaning: String, valueName: String) throws {
        guard info != 0 else { return }
        throw LAPACKError(routine: routine, info: Int(info), meaning: meaning, valueName: valueName)
    }

    private static func op(_ transpose: Bool) -> CBLAS_TRANSPOSE { transpose ? CblasTrans : CblasNoTrans }

    /// A size as LAPACK's 32-bit `int`.
    private static func int(_ value: Int) -> Int32 {
        precondition(value <= Int(Int32.max), "OpenBLAS: size \(value) exceeds 32-bit LAPACK integers")
        return Int32(value)
    }
}
