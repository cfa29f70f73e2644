import Records
import Foundation

/// The thread count of a run, and how it reaches the libraries.
public enum ThreadCount {
    /// The default: every processor this process may use.
    public static var available: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// Makes oneDNN (GNU OpenMP) and OpenBLAS use `threads` threads in this process.
    ///
    /// Sets `OMP_NUM_THREADS` and `OPENBLAS_NUM_THREADS`; both libraries read them once, when
    /// their thread pool starts, so this must run before any GEMM (DESIGN.md: one thread count
    /// per process). `OPENBLAS_CORETYPE` is left alone.
    /// - Precondition: `threads ≥ 1`.
    public static func apply(_ threads: Int) {
        precondition(threads >= 1, "thread count must be at least 1, got \(threads)")
        Syscalls.setEnvironment("OMP_NUM_THREADS", String(threads))
        Syscalls.setEnvironment("OPENBLAS_NUM_THREADS", String(threads))
    }
}
