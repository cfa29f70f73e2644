import Foundation
import Kernels
import Tensor

/// One Llama-2-7B-shaped decoder block generating one token with a KV cache, its seven weight
/// products on our GEMV kernels: the memory-bound step of LLM decoding at batch 1.
/// ```
/// a = RMSNorm(x);  q, k, v = W_q a, W_k a, W_v a                  (D × D each)
/// per head h (d = D/H):  s_j = q_h · K[j]_h / √d over the cached positions j, p = softmax(s),
///                        c_h = Σ_j p_j V[j]_h
/// h = x + W_o c;  m = RMSNorm(h);  y = h + W_down (SiLU(W_gate m) ⊙ W_up m)   (D → F → D)
/// ```
/// Weights are random (synthetic: the timing depends on shapes and bytes, not values). The
/// cache holds `context` positions in FP32 for every format; the new token's key and value
/// overwrite its last slot, so each step attends to exactly `context` positions. Formats:
/// `fp32` (`FloatMatvec`), `int8` (INT8 per-row weights, FP32 activations), `w8a8` (the same
/// with activations quantized to INT8 per 128-column block on each product) and `w4a8` (INT4
/// per-group-128 weights, INT8 activations), all made by QuantCore through the kernels' inits.
final class DecodeBlock: @unchecked Sendable {
    /// A weight format of the block.
    enum Format: String, CaseIterable, Sendable {
        case fp32, int8, w8a8, w4a8
    }

    let hidden: Int, intermediate: Int, heads: Int, context: Int
    /// Workers of the products and of the attention's heads.
    let threads: Int
    /// The seven products per format, in the order q, k, v, o, gate, up, down.
    private var kernels: [Format: [any MatvecKernel]] = [:]
    private var keys: [Float], values: [Float]

    /// Draws the weights (uniform in ±1/√inputs, as `Linear`) and the cache (N(0, 1)) and packs
    /// every format; one weight matrix is alive in FP32 at a time beyond the FP32 kernel's own.
    init(hidden: Int, intermediate: Int, heads: Int, context: Int, threads: Int, using rng: inout some RandomNumberGenerator) throws {
        precondition(hidden % heads == 0 && (hidden / heads) % 16 == 0, "DecodeBlock: head width \(hidden)/\(heads)")
        (self.hidden, self.intermediate, self.heads, self.context) = (hidden, intermediate, heads, context)
        self.threads = threads
        let shapes = [(hidden, hidden), (hidden, hidden), (hidden, hidden), (hidden, hidden),
                      (intermediate, hidden), (intermediate, hidden), (hidden, intermediate)]
        for (rows, columns) in shapes {
            let bound = 1 / Float(columns).squareRoot()
            let w = Tensor.uniform(shape: [rows, columns], low: -bound, high: bound, using: &rng)
            kernels[.fp32, default: []].append(try FloatMatvec(weights: w, threads: threads))
            kernels[.int8, default: []].append(try Int8Matvec(weights: w, activations: .float, threads: threads))
            kernels[.w8a8, default: []].append(try Int8Matvec(weights: w, activations: .int8, threads: threads))
            kernels[.w4a8, default: []].append(try Int4Matvec(weights: w, groupSize: 128, activations: .int8, threads: threads))
        }
        keys = Tensor.normal(shape: [context * hidden], using: &rng).storage
        values = Tensor.normal(shape: [context * hidden], using: &rng).storage
    }

    /// Bytes of weights and scales one token reads in `format`.
    func weightBytes(_ format: Format) -> Int { kernels[format]!.reduce(0) { $0 + $1.weightBytes } }

    /// Bytes of the KV cache one token reads (FP32 keys and values).
    var cacheBytes: Int { 2 * context * hidden * 4 }

    /// One decode step of `x` (`hidden` values) in `format`: the block's output.
    func step(_ x: [Float], _ format: Format) -> [Float] {
        let w = kernels[format]!
        let a = Self.rmsNorm(x)
        let q = w[0].apply(a), k = w[1].apply(a), v = w[2].apply(a)
        let slot = (context - 1) * hidden
        keys.replaceSubrange(slot..<(slot + hidden), with: k)
        values.replaceSubrange(slot..<(slot + hidden), with: v)
        let h = zip(x, w[3].apply(attend(q))).map { $0 + $1 }
        let m = Self.rmsNorm(h)
        let gate = w[4].apply(m), up = w[5].apply(m)
        let mixed = zip(gate, up).map { g, u in g / (1 + Foundation.exp(-g)) * u }
        return zip(h, w[6].apply(mixed)).map { $0 + $1 }
    }

    /// Softmax attention of one query over the cache, heads split over `threads` workers.
    private func attend(_ q: [Float]) -> [Float] {
        let d = hidden / heads, (hidden, context, heads, threads) = (hidden, context, heads, threads)
        let scale = 1 / Float(d).squareRoot()
        var out = [Float](repeating: 0, count: hidden)
        keys.withUnsafeBufferPointer { kp in
            values.withUnsafeBufferPointer { vp in
                q.withUnsafeBufferPointer { qp in
                    out.withUnsafeMutableBufferPointer { op in
                        // Disjoint heads write disjoint slices of `out`.
                        nonisolated(unsafe) let (kr, vr, qr, op) = (UnsafeRawPointer(kp.baseAddress!), UnsafeRawPointer(vp.baseAddress!), UnsafeRawPointer(qp.baseAddress!), op)
                        // Vector loads from raw pointers: building SIMD16 from a slice goes
                        // element by element.
                        @Sendable func load(_ p: UnsafeRawPointer, _ i: Int) -> SIMD16<Float> { p.loadUnaligned(fromByteOffset: 4 * i, as: SIMD16<Float>.self) }
                        // On the GEMVs' workers: GCD's would compete with them, spinning.
                        forEachChunk(of: heads, threads: threads) { range in
                          for head in range {
                            let base = head * d
                            var scores = [Float](repeating: 0, count: context)
                            for j in 0..<context {
                                var acc = SIMD16<Float>()
                                for c in stride(from: 0, to: d, by: 16) {
                                    acc = acc.addingProduct(load(qr, base + c), load(kr, j * hidden + base + c))
                                }
                                scores[j] = acc.sum() * scale
                            }
                            let m = scores.max()!
                            var total: Float = 0
                            for j in 0..<context { scores[j] = Foundation.exp(scores[j] - m); total += scores[j] }
                            for c in stride(from: 0, to: d, by: 16) {
                                var acc = SIMD16<Float>()
                                for j in 0..<context {
                                    acc = acc.addingProduct(SIMD16(repeating: scores[j] / total), load(vr, j * hidden + base + c))
                                }
                                for i in 0..<16 { op[base + c + i] = acc[i] }
                            }
                          }
                        }
                    }
                }
            }
        }
        return out
    }

    /// x / √(mean(x²) + 10⁻⁶) (Llama's RMSNorm, gain 1).
    private static func rmsNorm(_ x: [Float]) -> [Float] {
        let r = 1 / Float((x.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(x.count) + 1e-6).squareRoot())
        return x.map { $0 * r }
    }
}
