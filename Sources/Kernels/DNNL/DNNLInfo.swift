import Foundation

/// What oneDNN is and does on this machine: library version, dispatched ISA and thread count.
///
/// oneDNN (GNU OpenMP build) fixes its thread pool per process from `OMP_NUM_THREADS`, so every
/// run records these next to its timings; see DESIGN.md, "Facts of this machine".
public struct DNNLInfo: Sendable, Equatable, CustomStringConvertible {
    /// The library version, `major.minor.patch` (e.g. `2.6.3`).
    public let version: String
    /// The instruction set oneDNN's kernels dispatch to, in oneDNN's spelling
    /// (`avx512_core_bf16`, `avx512_core_vnni`, `avx2`, …), from `dnnl_get_effective_cpu_isa()`.
    public let isa: String
    /// OpenMP threads oneDNN runs on: `OMP_NUM_THREADS` when set to a positive integer,
    /// otherwise the active processor count (GNU OpenMP's default).
    public let threads: Int

    /// Queries the linked library.
    public init() {
        version = dnnlVersionString()
        isa = dnnlEffectiveISAName()
        threads = DNNLInfo.openMPThreads(environment: ProcessInfo.processInfo.environment)
    }

    /// The thread count GNU OpenMP starts with for a given environment.
    static func openMPThreads(environment: [String: String]) -> Int {
        // OMP_NUM_THREADS may be a list ("4,2") for nested levels; the first entry is the outer pool.
        if let text = environment["OMP_NUM_THREADS"]?.split(separator: ",").first,
           let n = Int(text.trimmingCharacters(in: .whitespaces)), n > 0 {
            return n
        }
        return ProcessInfo.processInfo.activeProcessorCount
    }

    public var description: String { "oneDNN \(version), ISA \(isa), \(threads) thread(s)" }
}
