import Tensor
import Kernels

/// The peak of each instruction type on this machine, measured once per run: a short oneDNN GEMM
/// at `peakSize` per type (FP32 FMA, BF16 `vdpbf16ps`, INT8 `vpdpbusd`), its fastest repeat.
///
/// A measured, not a datasheet, peak: the fastest rate this engine reaches at a size whose
/// operands stay near the caches. Larger products can exceed it slightly, so shares of it are
/// stated as "share of the measured peak".
struct PeakTrial {
    let timer: RepeatTimer
    let size: Int
    let repeats: Int

    /// Kernel-only seconds of every repeat, and the implementation oneDNN chose.
    func measure(_ instruction: MatmulInstruction, inputs: MatmulInputs) throws -> (seconds: [Double], implementation: String) {
        let contender = try MatmulContender(format: instruction == .fp32 ? .fp32 : instruction == .bf16 ? .bf16 : .int8PerTensor)
        try contender.prepare(a: inputs.a, b: inputs.b)
        let seconds = try timer.repeated(warmups: 2, repeats: repeats) { try timer.seconds { try contender.execute() } }
        return (seconds, contender.implementation)
    }
}
