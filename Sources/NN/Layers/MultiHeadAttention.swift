#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Kernels
public import Tensor

/// Multi-head scaled dot-product self-attention (Vaswani et al. 2017), as BERT and GPT-2 use it:
/// ```
/// Q = x·W_Qᵀ + b_Q,  K = x·W_Kᵀ + b_K,  V = x·W_Vᵀ + b_V          x: [B, T, D], per head h: d = D/H columns
/// Sₕ = Qₕ·Kₕᵀ / √d  (−∞ where a key is masked),   Pₕ = softmax over keys,   Oₕ = Pₕ·Vₕ
/// y = concat(O₁ … O_H)·W_Oᵀ + b_O
/// backward, per head:  ∂Vₕ = Pₕᵀ·∂Oₕ,  ∂Pₕ = ∂Oₕ·Vₕᵀ,  ∂Sₕ = Pₕ ⊙ (∂Pₕ − rowsum(∂Pₕ ⊙ Pₕ)),
///                      ∂Qₕ = ∂Sₕ·Kₕ / √d,  ∂Kₕ = ∂Sₕᵀ·Qₕ / √d
/// ```
/// A key j is masked for query i when `causal` and j > i (a decoder sees no future token), or
/// when `keyMask` marks it as padding (BERT's attention mask). A query with no visible key (a
/// padding row under a causal mask) gets a zero output instead of the NaN of an empty softmax.
///
/// The four projections are `Linear` layers with PyTorch's `[out, in]` weights, so pretrained
/// weights load by name and each projection takes its own weight and input quantizers (PTQ,
/// QAT, GPTQ and SmoothQuant all act on them). The products per (sequence, head) run on oneDNN
/// `sgemm`; the softmax is FP32 with the row maximum subtracted.
public struct MultiHeadAttention: Layer {
    /// W_Q, b_Q: `[D, D]`, `[D]`.
    public var query: Linear
    /// W_K, b_K.
    public var key: Linear
    /// W_V, b_V.
    public var value: Linear
    /// W_O, b_O: the projection of the concatenated heads.
    public var output: Linear
    /// H, the number of heads; D is a multiple of it.
    public let heads: Int
    /// Whether query i may see only keys j ≤ i.
    public let causal: Bool

    /// What backward needs: Q, K, V in head-major layout `[B, H, T, d]`, the attention
    /// probabilities `[B, H, T, T]`, and the input's B and T.
    private var cache: (q: [Float], k: [Float], v: [Float], p: [Float], batch: Int, length: Int)?

    /// The given projections.
    /// - Precondition: all four are D → D and `heads` divides D.
    public init(query: Linear, key: Linear, value: Linear, output: Linear, heads: Int, causal: Bool) {
        let d = query.inputs
        precondition([query, key, value, output].allSatisfy { $0.inputs == d && $0.outputs == d },
                     "MultiHeadAttention: every projection must be \(d) → \(d)")
        precondition(heads > 0 && d % heads == 0, "MultiHeadAttention: \(heads) heads do not divide width \(d)")
        (self.query, self.key, self.value, self.output) = (query, key, value, output)
        self.heads = heads
        self.causal = causal
    }

    /// Projections initialised as `Linear`'s (PyTorch's default), drawn from `rng` in the order
    /// query, key, value, output.
    public init(dimension: Int, heads: Int, causal: Bool, using rng: inout some RandomNumberGenerator) {
        let q = Linear(inputs: dimension, outputs: dimension, using: &rng)
        let k = Linear(inputs: dimension, outputs: dimension, using: &rng)
        let v = Linear(inputs: dimension, outputs: dimension, using: &rng)
        let o = Linear(inputs: dimension, outputs: dimension, using: &rng)
        self.init(query: q, key: k, value: v, output: o, heads: heads, causal: causal)
    }

    /// D, the model width.
    public var dimension: Int { query.inputs }

    public mutating func forward(_ input: Tensor) -> Tensor {
        forward(input, keyMask: nil)
    }

    /// The training-mode output for `input` (`[B, T, D]`) with the keys that `keyMask` (B·T
    /// flags, true = a real token) leaves visible; caches what `backward` needs.
    public mutating func forward(_ input: Tensor, keyMask: [Bool]?) -> Tensor {
        let (b, t) = shape(of: input, keyMask: keyMask)
        let rows = input.reshaped([b * t, dimension])
        let q = headMajor(query.forward(rows).storage, batch: b, length: t)
        let k = headMajor(key.forward(rows).storage, batch: b, length: t)
        let v = headMajor(value.forward(rows).storage, batch: b, length: t)
        let (context, p) = attend(q, k, v, batch: b, length: t, keyMask: keyMask)
        cache = (q, k, v, p, b, t)
        return output.forward(Tensor(shape: [b * t, dimension], storage: context)).reshaped([b, t, dimension])
    }

    public mutating func backward(_ outputGradient: Tensor) -> Tensor {
        guard let (q, k, v, p, b, t) = cache else { preconditionFailure("MultiHeadAttention.backward before forward") }
        precondition(outputGradient.count == b * t * dimension,
                     "MultiHeadAttention.backward: gradient \(outputGradient.shape) for [\(b), \(t), \(dimension)]")
        let dContext = output.backward(outputGradient.reshaped([b * t, dimension]))
        let dO = headMajor(dContext.storage, batch: b, length: t)
        let d = dimension / heads
        let scale = 1 / Float(d).squareRoot()
        var dQ = [Float](repeating: 0, count: q.count)
        var dK = [Float](repeating: 0, count: k.count)
        var dV = [Float](repeating: 0, count: v.count)
        var dP = [Float](repeating: 0, count: t * t)
        for s in 0..<(b * heads) {
            let h = s * t * d, a = s * t * t
            dO.withUnsafeBufferPointer { o in
                v.withUnsafeBufferPointer { vv in
                    p.withUnsafeBufferPointer { pp in
                        dV.withUnsafeMutableBufferPointer { dv in
                            dP.withUnsafeMutableBufferPointer { dp in
                                let oh = UnsafeBufferPointer(rebasing: o[h..<h + t * d])
                                // ∂P = ∂O·Vᵀ, ∂V = Pᵀ·∂O
                                Self.gemm(oh, UnsafeBufferPointer(rebasing: vv[h..<h + t * d]), dp, m: t, n: t, k: d, transposeB: true)
                                Self.gemm(UnsafeBufferPointer(rebasing: pp[a..<a + t * t]), oh,
                                          UnsafeMutableBufferPointer(rebasing: dv[h..<h + t * d]), m: t, n: d, k: t, transposeA: true)
                                // ∂S = P ⊙ (∂P − rowsum(∂P ⊙ P)), scaled by 1/√d for Q·Kᵀ/√d
                                for i in 0..<t {
                                    var dot: Float = 0
                                    for j in 0..<t { dot += dp[i * t + j] * pp[a + i * t + j] }
                                    for j in 0..<t { dp[i * t + j] = pp[a + i * t + j] * (dp[i * t + j] - dot) * scale }
                                }
                            }
                        }
                    }
                }
            }
            dP.withUnsafeBufferPointer { ds in
                q.withUnsafeBufferPointer { qq in
                    k.withUnsafeBufferPointer { kk in
                        dQ.withUnsafeMutableBufferPointer { dq in
                            Self.gemm(ds, UnsafeBufferPointer(rebasing: kk[h..<h + t * d]),
                                      UnsafeMutableBufferPointer(rebasing: dq[h..<h + t * d]), m: t, n: d, k: t)
                        }
                        dK.withUnsafeMutableBufferPointer { dk in
                            Self.gemm(ds, UnsafeBufferPointer(rebasing: qq[h..<h + t * d]),
                                      UnsafeMutableBufferPointer(rebasing: dk[h..<h + t * d]), m: t, n: d, k: t, transposeA: true)
                        }
                    }
                }
            }
        }
        var dx = query.backward(Tensor(shape: [b * t, dimension], storage: rowMajor(dQ, batch: b, length: t)))
        let dxK = key.backward(Tensor(shape: [b * t, dimension], storage: rowMajor(dK, batch: b, length: t)))
        let dxV = value.backward(Tensor(shape: [b * t, dimension], storage: rowMajor(dV, batch: b, length: t)))
        dx.storage.withUnsafeMutableBufferPointer { g in
            for i in g.indices { g[i] += dxK.storage[i] + dxV.storage[i] }
        }
        return dx.reshaped([b, t, dimension])
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        self(input, keyMask: nil)
    }

    /// The inference output for `input` (`[B, T, D]`) under `keyMask`; no cache.
    public func callAsFunction(_ input: Tensor, keyMask: [Bool]?) -> Tensor {
        let (b, t) = shape(of: input, keyMask: keyMask)
        let rows = input.reshaped([b * t, dimension])
        let q = headMajor(query(rows).storage, batch: b, length: t)
        let k = headMajor(key(rows).storage, batch: b, length: t)
        let v = headMajor(value(rows).storage, batch: b, length: t)
        let context = attend(q, k, v, batch: b, length: t, keyMask: keyMask).context
        return output(Tensor(shape: [b * t, dimension], storage: context)).reshaped([b, t, dimension])
    }

    public mutating func visitParameters(_ body: (String, inout Parameter) -> Void) {
        query.visitParameters { body("query." + $0, &$1) }
        key.visitParameters { body("key." + $0, &$1) }
        value.visitParameters { body("value." + $0, &$1) }
        output.visitParameters { body("output." + $0, &$1) }
    }

    /// B and T of a `[B, T, D]` input, with the mask's length checked.
    private func shape(of input: Tensor, keyMask: [Bool]?) -> (batch: Int, length: Int) {
        precondition(input.rank == 3 && input.shape[2] == dimension,
                     "MultiHeadAttention: input \(input.shape) is not [B, T, \(dimension)]")
        let (b, t) = (input.shape[0], input.shape[1])
        precondition(keyMask.map { $0.count == b * t } ?? true, "MultiHeadAttention: key mask of \(keyMask?.count ?? 0) flags for \(b)×\(t) tokens")
        return (b, t)
    }

    /// The concatenated head outputs in row-major `[B·T, D]` and the probabilities `[B, H, T, T]`.
    private func attend(_ q: [Float], _ k: [Float], _ v: [Float], batch b: Int, length t: Int, keyMask: [Bool]?) -> (context: [Float], p: [Float]) {
        let d = dimension / heads
        let scale = 1 / Float(d).squareRoot()
        var p = [Float](repeating: 0, count: b * heads * t * t)
        var o = [Float](repeating: 0, count: q.count)
        p.withUnsafeMutableBufferPointer { pp in
            q.withUnsafeBufferPointer { qq in
                k.withUnsafeBufferPointer { kk in
                    v.withUnsafeBufferPointer { vv in
                        o.withUnsafeMutableBufferPointer { oo in
                            // Three passes: the score products, every row's softmax, the
                            // context products. The softmax rows run on the GEMV kernels'
                            // workers (`forEachChunk`): one core's `expf` over B·H·T rows
                            // was the largest cost of the encoder outside its linear layers.
                            // The products stay on the caller, since oneDNN's sgemm inside a
                            // pool worker would start an OpenMP team of its own. Each row's
                            // arithmetic is the same whatever the split.
                            for s in 0..<(b * heads) {
                                let h = s * t * d, a = s * t * t
                                Self.gemm(UnsafeBufferPointer(rebasing: qq[h..<h + t * d]), UnsafeBufferPointer(rebasing: kk[h..<h + t * d]),
                                          UnsafeMutableBufferPointer(rebasing: pp[a..<a + t * t]), m: t, n: t, k: d, transposeB: true)
                            }
                            nonisolated(unsafe) let scores = pp
                            forEachChunk(of: b * heads * t, threads: b * heads * t >= 64 ? defaultKernelThreads : 1) { rows in
                                for r in rows {
                                    let (sequence, i) = (r / (heads * t), r % t)
                                    Self.softmax(UnsafeMutableBufferPointer(rebasing: scores[r * t..<(r + 1) * t]), scale: scale) { j in
                                        (!causal || j <= i) && (keyMask?[sequence * t + j] ?? true)
                                    }
                                }
                            }
                            for s in 0..<(b * heads) {
                                let h = s * t * d, a = s * t * t
                                Self.gemm(UnsafeBufferPointer(rebasing: pp[a..<a + t * t]), UnsafeBufferPointer(rebasing: vv[h..<h + t * d]),
                                          UnsafeMutableBufferPointer(rebasing: oo[h..<h + t * d]), m: t, n: d, k: t)
                            }
                        }
                    }
                }
            }
        }
        return (rowMajor(o, batch: b, length: t), p)
    }

    /// Replaces scores `row` by softmax(scale·row) over the keys `visible` admits, 0 elsewhere;
    /// all zeros when none is visible.
    private static func softmax(_ row: UnsafeMutableBufferPointer<Float>, scale: Float, visible: (Int) -> Bool) {
        var m = -Float.infinity
        for j in row.indices where visible(j) { m = max(m, row[j] * scale) }
        guard m > -.infinity else {
            for j in row.indices { row[j] = 0 }
            return
        }
        var sum: Float = 0
        for j in row.indices {
            let e = visible(j) ? expf(row[j] * scale - m) : 0
            row[j] = e
            sum += e
        }
        let inv = 1 / sum
        for j in row.indices { row[j] *= inv }
    }

    /// `[B·T, D]` rows → head-major `[B, H, T, d]`, so each (sequence, head) block is contiguous.
    private func headMajor(_ x: [Float], batch b: Int, length t: Int) -> [Float] {
        permute(x, batch: b, length: t, toHeadMajor: true)
    }

    /// The inverse of `headMajor`.
    private func rowMajor(_ x: [Float], batch b: Int, length t: Int) -> [Float] {
        permute(x, batch: b, length: t, toHeadMajor: false)
    }

    /// Moves each head's d columns between the row-major and the head-major layout.
    private func permute(_ x: [Float], batch b: Int, length t: Int, toHeadMajor: Bool) -> [Float] {
        let d = dimension / heads, width = dimension
        var out = [Float](repeating: 0, count: x.count)
        x.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for s in 0..<b {
                    for h in 0..<heads {
                        for i in 0..<t {
                            let rows = (s * t + i) * width + h * d, blocks = ((s * heads + h) * t + i) * d
                            let (from, to) = toHeadMajor ? (rows, blocks) : (blocks, rows)
                            for c in 0..<d { dst[to + c] = src[from + c] }
                        }
                    }
                }
            }
        }
        return out
    }

    /// C = op(A)·op(B) on oneDNN; see `MatrixProduct` for why a failure stops the process.
    private static func gemm(
        _ a: UnsafeBufferPointer<Float>, _ b: UnsafeBufferPointer<Float>, _ c: UnsafeMutableBufferPointer<Float>,
        m: Int, n: Int, k: Int, transposeA: Bool = false, transposeB: Bool = false
    ) {
        MatrixProduct.product(a, b, into: c, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB)
    }
}
