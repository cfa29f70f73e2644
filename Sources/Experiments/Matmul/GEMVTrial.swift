import Tensor
import Kernels
import QuantCore

/// Batch-1 matrix–vector products `y = W · x` as in LLM decoding, with the weights in FP32, BF16,
/// INT8 (per row) and packed INT4 (per group): the memory-bound case, where the time follows the
/// weight bytes rather than the arithmetic. INT8 and packed INT4 each run twice: `int8` and
/// `int4` with FP32 x (exact dequantized weights, as weight-only GPTQ/AWQ inference), `w8a8` and
/// `w4a8` with x quantized per 128-column block to INT8 on every call (as llama.cpp's Q8_0 and
/// Q4_0 × Q8_0, or oneDNN's INT8 GEMV), whose integer dot products need a third to a quarter of
/// the instructions.
///
/// Each kernel (the Kernels module's GEMVs) packs W once; only `apply` is timed, in two states,
/// measured in triples (and the formats in turns, see `measure`) so that both states and the read bandwidth see the same load from other
/// processes on the shared cores and memory bus:
/// 1. a read of `evictionMebibytes` (the parameters' `gemvEvictionMebibytes`, above the
///    last-level cache) pushes W out of every cache. It is timed: a sequential pass over more
///    than the cache finds none of its own lines left from the pass before, so it is a
///    read-bandwidth sample;
/// 2. cold: the product with W coming from memory, as when a model's layers together exceed
///    the cache, which is the LLM-decoding case;
/// 3. warm: the product again, right away, so that W read by the cold product is in the
///    last-level cache if it fits (32 MiB here: INT8 and INT4 at 4096×4096).
/// The error is that of y against the FP64 product of the unquantized W and x.
struct GEMVTrial {
    /// The weight formats, in report order.
    static let weightFormats = ["fp32", "bf16", "int8", "w8a8", "int4", "w4a8"]

    let timer: RepeatTimer
    let repeats: Int
    let threads: Int
    let int4GroupSize: Int
    /// The read that evicts W before each cold repeat.
    let eviction: ReadBandwidthProbe

    init(timer: RepeatTimer, repeats: Int, threads: Int, int4GroupSize: Int, evictionMebibytes: Int) {
        (self.timer, self.repeats, self.threads, self.int4GroupSize) = (timer, repeats, threads, int4GroupSize)
        eviction = ReadBandwidthProbe(mebibytes: evictionMebibytes, threads: threads)
    }

    /// One weight format's measurements.
    struct Result {
        /// `fp32`, `bf16`, `int8`, `w8a8`, `int4` or `w4a8`.
        let weights: String
        /// The kernel's label.
        let kernel: String
        /// The instructions it ran on (`MatvecKernel.instructionPath`).
        let instructionPath: String
        /// Bytes of weights and scales read per product.
        let weightBytes: Int
        /// Seconds per warm and per cold repeat, and of the eviction read before each cold one.
        let warm: [Double], cold: [Double], evictionReads: [Double]
        /// y against the FP64 reference.
        let error: ErrorMetrics
    }

    /// Every weight format's GEMV of `w` and `x`, in report order.
    ///
    /// The formats take turns within each round (one triple each), two untimed rounds first: a
    /// stretch of load from other processes on the shared cores then slows every format's
    /// repeats of that round alike, and the speedups, ratios of medians over the same rounds,
    /// stay fair (measured here: one such stretch halved the INT8 and INT4 speed of a run
    /// that timed the formats one after another, not FP32's).
    func measure(w: Tensor, x: [Float], reference: [Double]) throws -> [Result] {
        let kernels: [any MatvecKernel] = try Self.weightFormats.map { format in
            switch format {
            case "fp32": try FloatMatvec(weights: w, threads: threads)
            case "bf16": try BFloat16Matvec(weights: w, threads: threads)
            case "int8": try Int8Matvec(weights: w, threads: threads)
            case "w8a8": try Int8Matvec(weights: w, activations: .int8, threads: threads)
            case "int4": try Int4Matvec(weights: w, groupSize: int4GroupSize, threads: threads)
            default: try Int4Matvec(weights: w, groupSize: int4GroupSize, activations: .int8, threads: threads)
            }
        }
        var ys = kernels.map { [Float](repeating: 0, count: $0.rows) }
        var times = [[(read: Double, cold: Double, warm: Double)]](repeating: [], count: kernels.count)
        var evicted: Float = 0
        x.withUnsafeBufferPointer { px in
            for round in 0..<(2 + repeats) {
                for (i, kernel) in kernels.enumerated() {
                    let triple = ys[i].withUnsafeMutableBufferPointer { py in
                        let read = timer.seconds { evicted += eviction.run() }
                        let cold = timer.seconds { kernel.apply(px, into: py) }
                        return (read: read, cold: cold, warm: timer.seconds { kernel.apply(px, into: py) })
                    }
                    if round >= 2 { times[i].append(triple) }
                }
            }
        }
        precondition(evicted > 0, "GEMV eviction: the sum of ones must be positive")
        return kernels.indices.map { i in
            Result(
                weights: Self.weightFormats[i], kernel: kernels[i].label, instructionPath: kernels[i].instructionPath,
                weightBytes: kernels[i].weightBytes,
                warm: times[i].map(\.warm), cold: times[i].map(\.cold), evictionReads: times[i].map(\.read),
                error: ErrorMetrics(reference: reference, approximation: ys[i].map(Double.init)))
        }
    }

    /// The FP64 reference `W · x` (OpenBLAS dgemv).
    static func reference(w: Tensor, x: [Float]) -> [Double] {
        Matrix64(w).product(vector: x.map(Double.init))
    }
}
