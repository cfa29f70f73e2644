public import Tensor

/// A lookup table of learned vectors, one row per token id (PyTorch's `nn.Embedding`):
/// ```
/// forward:   yₙ = W[idₙ]                       ids: N integers in 0..<count,  y: [N, D]
/// backward:  ∂L/∂W[i] += Σ_{n: idₙ = i} ∂L/∂yₙ  (rows of repeated ids accumulate)
/// ```
/// Not a `Layer`: its input is a list of integer ids, not a tensor, and there is no input
/// gradient. A language model whose output is tied to the embedding adds the output
/// projection's gradient into `weight` itself.
public struct Embedding: Sendable {
    /// W, `[count, D]`.
    public var weight: Parameter

    /// The ids of the latest `forward`.
    private var cachedIDs: [Int]?

    /// The given table.
    /// - Precondition: `weight` is rank 2.
    public init(weight: Tensor) {
        precondition(weight.rank == 2, "Embedding: weight \(weight.shape) must be [count, D]")
        self.weight = Parameter(weight)
    }

    /// A table of N(0, σ²) rows, σ = 0.02 by default (GPT-2's initialisation), drawn from `rng`.
    public init(count: Int, dimension: Int, standardDeviation: Float = 0.02, using rng: inout some RandomNumberGenerator) {
        self.init(weight: .normal(shape: [count, dimension], std: standardDeviation, using: &rng))
    }

    /// Number of rows (the vocabulary or position count).
    public var count: Int { weight.value.shape[0] }
    /// D, the width of a row.
    public var dimension: Int { weight.value.shape[1] }

    /// The rows of `ids`, `[ids.count, D]`, remembering the ids for `backward`.
    public mutating func forward(_ ids: [Int]) -> Tensor {
        cachedIDs = ids
        return self(ids)
    }

    /// Adds ∂L/∂y (`[N, D]`, N = the latest forward's id count) into the rows it came from.
    public mutating func backward(_ outputGradient: Tensor) {
        guard let ids = cachedIDs else { preconditionFailure("Embedding.backward before forward") }
        let d = dimension
        precondition(outputGradient.shape == [ids.count, d], "Embedding.backward: gradient \(outputGradient.shape) for [\(ids.count), \(d)]")
        outputGradient.storage.withUnsafeBufferPointer { g in
            weight.gradient.storage.withUnsafeMutableBufferPointer { w in
                for (n, id) in ids.enumerated() {
                    for j in 0..<d { w[id * d + j] += g[n * d + j] }
                }
            }
        }
    }

    /// The rows of `ids`, `[ids.count, D]`.
    /// - Precondition: every id lies in 0..<count.
    public func callAsFunction(_ ids: [Int]) -> Tensor {
        let d = dimension, rows = count
        var y = [Float](repeating: 0, count: ids.count * d)
        weight.value.storage.withUnsafeBufferPointer { w in
            y.withUnsafeMutableBufferPointer { out in
                for (n, id) in ids.enumerated() {
                    precondition(id >= 0 && id < rows, "Embedding: id \(id) outside 0..<\(rows)")
                    for j in 0..<d { out[n * d + j] = w[id * d + j] }
                }
            }
        }
        return Tensor(shape: [ids.count, d], storage: y)
    }

    /// Calls `body` on `weight`.
    public mutating func visitParameters(_ body: (String, inout Parameter) -> Void) {
        body("weight", &weight)
    }
}
