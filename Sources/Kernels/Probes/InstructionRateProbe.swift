import CKernels
import Dispatch

/// The ISA ceiling of this machine, measured: the core clock from a chain of dependent adds,
/// and the rate of one instruction in a throughput-bound loop on every thread at once.
///
/// ```
/// clock       = 8 · rounds / t                         (8 dependent 1-cycle adds per round)
/// rate        = threads · iterations · 12 · ops / t    (12 independent accumulators per iteration)
/// ops / cycle = rate / (clock · threads)               per core
/// ```
/// ops per instruction: `vfmadd231ps zmm` 32 FLOP, `vpdpbusd zmm` 128 integer ops (64
/// multiply–adds), `vdpbf16ps zmm` 64 FLOP. No GEMM can exceed these rates: they are the limit
/// the best observed GEMM rate is a share of.
public enum InstructionRateProbe {
    /// The instructions probed, named as `MatmulInstruction` names its families.
    public enum Instruction: String, Sendable, CaseIterable {
        /// FP32 FMA, `vfmadd231ps zmm`.
        case fp32
        /// BF16 dot product with FP32 accumulation, `vdpbf16ps zmm`.
        case bf16
        /// u8·s8 dot product with INT32 accumulation, `vpdpbusd zmm`.
        case int8

        /// Operations per instruction (a multiply–add counts as two).
        public var operationsPerInstruction: Double {
            switch self {
            case .fp32: 32
            case .bf16: 64
            case .int8: 128
            }
        }

        /// Whether this CPU has the instruction (CPUID).
        public var isSupported: Bool {
            let bits = ql_isa_probe_support()
            switch self {
            case .fp32: return bits & 1 != 0
            case .int8: return bits & 2 != 0
            case .bf16: return bits & 4 != 0
            }
        }
    }

    /// The core clock in Hz while `threads` threads each run the dependent-add chain, the
    /// median over threads; `rounds` per thread (8 cycles each).
    public static func clockHertz(threads: Int, rounds: Int = 50_000_000) -> Double {
        let seconds = concurrently(threads) { _ = ql_dependent_adds(UInt64(rounds), 1) }
        let clocks = seconds.map { 8 * Double(rounds) / $0 }.sorted()
        return clocks[clocks.count / 2]
    }

    /// Operations per second of `instruction` on `threads` threads at once (each runs
    /// `iterations` × 12 instructions; the slowest thread sets the time), or `nil` when the CPU
    /// lacks it.
    public static func rate(_ instruction: Instruction, threads: Int, iterations: Int = 20_000_000) -> Double? {
        guard instruction.isSupported else { return nil }
        let seconds = concurrently(threads) {
            switch instruction {
            case .fp32: _ = ql_fma512_f32(UInt64(iterations))
            case .bf16: _ = ql_bf16dot512(UInt64(iterations))
            case .int8: _ = ql_vnni512(UInt64(iterations))
            }
        }
        return Double(threads) * Double(iterations) * 12 * instruction.operationsPerInstruction / seconds.max()!
    }

    /// Runs `body` on `threads` threads at once; each thread's own seconds.
    private static func concurrently(_ threads: Int, _ body: @Sendable () -> Void) -> [Double] {
        precondition(threads >= 1, "InstructionRateProbe: \(threads) threads")
        let clock = ContinuousClock()
        let results = UnsafeMutableBufferPointer<Double>.allocate(capacity: threads)
        defer { results.deallocate() }
        nonisolated(unsafe) let out = results
        DispatchQueue.concurrentPerform(iterations: threads) { i in
            let start = clock.now
            body()
            let d = clock.now - start
            out[i] = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        }
        return Array(results)
    }
}
