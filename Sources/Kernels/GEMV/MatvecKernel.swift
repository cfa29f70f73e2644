import CKernels
import Foundation
import QuantCore
import Tensor

/// A matrix–vector product at batch 1, `y = W · x`, as in LLM decoding: the weights are read once
/// per product, so the time is bounded by memory bandwidth and shrinks with the weight bytes.
///
/// ```
/// y[r] = Σ_c Ŵ[r][c] · x[c],   r < rows, c < columns
/// ```
/// `Ŵ` is the weight matrix in the kernel's format (FP32, BF16, INT8 per row, INT4 per group),
/// packed once at init; `x` and `y` are FP32 and every product is accumulated in FP32.
/// Rows are split into contiguous chunks over `threads` workers (`DispatchQueue.concurrentPerform`).
public protocol MatvecKernel: Sendable {
    /// A label for tables and records, e.g. `INT4 per-group(128) GEMV (Swift SIMD)`.
    var label: String { get }
    /// Rows of W (the length of y).
    var rows: Int { get }
    /// Columns of W (the length of x).
    var columns: Int { get }
    /// Bytes of weights and scales read by one product (the numerator of effective GB/s).
    var weightBytes: Int { get }

    /// The instructions of the product as recorded with its timings: `swift-simd` for the Swift
    /// SIMD kernels (AVX2 in a release build), or an `IntegerGEMVPath`'s raw value.
    var instructionPath: String { get }

    /// Computes `y = W · x`.
    /// - Precondition: `x.count == columns`, `y.count == rows`.
    func apply(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>)
}

extension MatvecKernel {
    /// `swift-simd`: the kernels written in Swift SIMD types.
    public var instructionPath: String { "swift-simd" }

    /// `W · x` as a new array.
    /// - Precondition: `x.count == columns`.
    public func apply(_ x: [Float]) -> [Float] {
        var y = [Float](repeating: 0, count: rows)
        x.withUnsafeBufferPointer { px in y.withUnsafeMutableBufferPointer { apply(px, into: $0) } }
        return y
    }
}

/// How x enters the dot products of the integer GEMVs (`Int8Matvec`, `Int4Matvec`).
public enum MatvecActivations: Sendable {
    /// FP32 x, exact dequantized weights (`y = W_deq · x` up to FP32 rounding).
    case float
    /// x quantized on each call to INT8 per block of 128 columns, `t[b] = max_{c ∈ b} |x_c| / 127`
    /// (QuantCore's `AffineQuantizer.int8PerBlock`: dynamic activation quantization, as
    /// llama.cpp's Q8_0 and oneDNN's INT8 GEMV), with
    /// integer dot products: W8A8 or W4A8. Adds at most `t[b]/2` of error per activation; an x
    /// holding NaN or infinity takes the `.float` path.
    case int8
}

/// Workers used by the Swift SIMD kernels: one per active processor (two on this machine).
public var defaultKernelThreads: Int { ProcessInfo.processInfo.activeProcessorCount }

/// Runs `body` on contiguous chunks of `0..<count`, in parallel on `threads` workers.
///
/// Eight chunks per worker, handed out dynamically: on cores shared with other jobs a worker
/// that loses its core then delays only a small chunk, not half the rows. Chunks stay
/// contiguous so that each streams its own slice of the weights. The workers are CKernels'
/// spinning pool (`ql_parallel_for`), not GCD's: a product of 50–500 µs cannot wait the
/// 30–40 µs a parked GCD worker took to join (see ThreadPool.c). Public so that work between
/// products (a decoder's attention) runs on the same workers instead of competing with them.
public func forEachChunk(of count: Int, threads: Int, _ body: (Range<Int>) -> Void) {
    let chunks = max(1, min(8 * threads, count))
    if threads <= 1 || chunks == 1 { body(0..<count); return }
    withoutActuallyEscaping(body) { body in
        var body = body
        withUnsafeMutablePointer(to: &body) { context in
            ql_parallel_for(Int64(count), Int64(chunks), { context, begin, end in
                context!.assumingMemoryBound(to: ((Range<Int>) -> Void).self).pointee(Int(begin)..<Int(end))
            }, context)
        }
    }
}

/// `x` copied into a zero-padded buffer of `length` floats (so a kernel's last block reads zeros).
func paddedVector(_ x: UnsafeBufferPointer<Float>, length: Int) -> [Float] {
    var padded = [Float](repeating: 0, count: length)
    padded.withUnsafeMutableBufferPointer { p in
        if let base = x.baseAddress { p.baseAddress!.update(from: base, count: x.count) }
    }
    return padded
}

/// Checks a weight tensor for the GEMV kernels.
func matvecShape(_ weights: Tensor, _ kernel: String) throws(KernelInputError) -> (rows: Int, columns: Int) {
    guard weights.shape.count == 2, weights.shape[0] >= 1, weights.shape[1] >= 1 else {
        throw KernelInputError("\(kernel): weights of shape \(weights.shape) must be 2-D and non-empty")
    }
    return (weights.shape[0], weights.shape[1])
}

/// `weights` quantized by QuantCore for a GEMV, QuantCore's error restated as the kernel's.
func quantizedWeights(
    _ weights: Tensor, bits: Int, axis: SymmetricIntegerMatrix.ScaleAxis, _ kernel: String
) throws(KernelInputError) -> SymmetricIntegerMatrix {
    do {
        return try SymmetricIntegerMatrix(quantizing: weights, bits: bits, axis: axis)
    } catch {
        throw KernelInputError("\(kernel): weights \(weights.shape): \(error)")
    }
}

/// The GEMV skeleton shared by the packed kernels: pads `x` to `paddedColumns`, then writes
/// `y[r] = rowDot(r, x̃)` for every row, rows split over `threads` workers.
@inline(__always)
func packedMatvec(
    _ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>,
    paddedColumns: Int, threads: Int, rowDot: (Int, UnsafeRawPointer) -> Float
) {
    let padded = paddedVector(x, length: paddedColumns)
    padded.withUnsafeBytes { xp in
        let xr = xp.baseAddress!
        forEachChunk(of: y.count, threads: threads) { range in
            for r in range { y[r] = rowDot(r, xr) }
        }
    }
}

/// `n` rounded up to a multiple of `block`.
func roundUp(_ n: Int, to block: Int) -> Int { (n + block - 1) / block * block }

/// Magic-number conversion of small unsigned integers to Float: `bits(2²³) | u` is the float
/// 2²³ + u exactly for u < 2²³, so `(that − (2²³ + offset))` is `u − offset` with no rounding.
///
/// Swift's `SIMD16<Float>(SIMD16<Int32>)` and `SIMD16<Int32>(truncatingIfNeeded: SIMD16<Int8>)`
/// compile to calls into the generic standard library here: an INT8 row dot built on them ran at
/// 3.8 GB/s on one thread, against 24 GB/s with this OR-and-subtract (measured here, 16 MiB).
@inline(__always)
func magicToFloat(_ u: SIMD16<UInt32>, minus offset: Float) -> SIMD16<Float> {
    unsafeBitCast(u | 0x4B00_0000, to: SIMD16<Float>.self) - SIMD16(repeating: 0x1p23 + offset)
}
