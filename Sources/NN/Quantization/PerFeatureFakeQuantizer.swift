public import Tensor

/// Fake quantization with one quantizer per feature: the last axis of a `[N, d]` input is split
/// into d columns, and column j passes through its own quantizer (own observed range, own
/// learned step), as per-channel quantization of activations does.
///
/// ```
/// x̂[:, j] = Q_j(x[:, j]),   ∂L/∂x[:, j] = Q_j.backward(∂L/∂x̂[:, j])
/// ```
/// Each column reaches its quantizer as a `[N, 1]` tensor, so an LSQ quantizer built with
/// `perSampleCount: true` counts one element per sample (N_F = 1) in its gradient scale.
/// Parameters are named `<j>.<name>` (`3.step`).
public struct PerFeatureFakeQuantizer<Quantizer: FakeQuantizer>: FakeQuantizer {
    /// One quantizer per feature, in feature order.
    public private(set) var quantizers: [Quantizer]

    /// `features` copies of `quantizer`, each then calibrated on its own column.
    /// - Precondition: `features ≥ 1`.
    public init(features: Int, _ quantizer: Quantizer) {
        precondition(features >= 1, "PerFeatureFakeQuantizer: \(features) features")
        quantizers = Array(repeating: quantizer, count: features)
    }

    public var bits: Int { quantizers[0].bits }
    public var method: String { quantizers[0].method + "/feature" }

    public mutating func forward(_ input: Tensor) -> Tensor {
        var out = input
        for j in quantizers.indices { put(quantizers[j].forward(column(j, of: input)), column: j, into: &out) }
        return out
    }

    public mutating func backward(_ outputGradient: Tensor) -> Tensor {
        var out = outputGradient
        for j in quantizers.indices { put(quantizers[j].backward(column(j, of: outputGradient)), column: j, into: &out) }
        return out
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        var out = input
        for j in quantizers.indices { put(quantizers[j](column(j, of: input)), column: j, into: &out) }
        return out
    }

    public mutating func visitParameters(_ body: (String, inout Parameter) -> Void) {
        for j in quantizers.indices { quantizers[j].visitParameters { name, p in body("\(j).\(name)", &p) } }
    }

    /// Column `j` of a `[N, d]` tensor as `[N, 1]`.
    private func column(_ j: Int, of x: Tensor) -> Tensor {
        precondition(x.rank == 2 && x.shape[1] == quantizers.count, "PerFeatureFakeQuantizer: input \(x.shape) for \(quantizers.count) features")
        let (n, d) = (x.shape[0], x.shape[1])
        return Tensor(shape: [n, 1], storage: (0..<n).map { x.storage[$0 * d + j] })
    }

    private func put(_ column: Tensor, column j: Int, into x: inout Tensor) {
        let (n, d) = (x.shape[0], x.shape[1])
        for i in 0..<n { x.storage[i * d + j] = column.storage[i] }
    }
}
