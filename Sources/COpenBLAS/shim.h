// OpenBLAS: CBLAS for double-precision reference products, and LAPACK through its Fortran
// symbols, because Debian's OpenBLAS is built without LAPACKE.
#include <cblas.h>

/// Name of the CPU core whose kernels OpenBLAS dispatched (e.g. "Haswell").
char *openblas_get_corename(void);
/// OpenBLAS build configuration string.
char *openblas_get_config(void);
/// Threads OpenBLAS uses.
int openblas_get_num_threads(void);

// LAPACK (Fortran calling convention: every argument by pointer, column-major storage).
/// Least squares by QR: minimise ||A x - b||.
void dgels_(const char *trans, const int *m, const int *n, const int *nrhs, double *a,
            const int *lda, double *b, const int *ldb, double *work, const int *lwork, int *info);
/// Cholesky factorisation of a symmetric positive definite matrix.
void dpotrf_(const char *uplo, const int *n, double *a, const int *lda, int *info);
/// Solve with a Cholesky factor from dpotrf_.
void dpotrs_(const char *uplo, const int *n, const int *nrhs, const double *a, const int *lda,
             double *b, const int *ldb, int *info);
/// Inverse of a symmetric positive definite matrix from its Cholesky factor (dpotrf_).
void dpotri_(const char *uplo, const int *n, double *a, const int *lda, int *info);
/// Singular value decomposition (values only or full), used for condition numbers.
void dgesvd_(const char *jobu, const char *jobvt, const int *m, const int *n, double *a,
             const int *lda, double *s, double *u, const int *ldu, double *vt, const int *ldvt,
             double *work, const int *lwork, int *info);
/// QR factorisation (Householder), used to build matrices of a chosen condition number.
void dgeqrf_(const int *m, const int *n, double *a, const int *lda, double *tau, double *work,
             const int *lwork, int *info);
/// Form Q explicitly from dgeqrf_'s reflectors.
void dorgqr_(const int *m, const int *n, const int *k, double *a, const int *lda,
             const double *tau, double *work, const int *lwork, int *info);
