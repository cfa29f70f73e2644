public import Tensor

/// The layer-input statistic GPTQ minimises against: `H = (2/N)·XᵀX` over N calibration rows.
///
/// ```
/// ‖W X − Ŵ X‖²_F = tr((W − Ŵ) · XᵀX · (W − Ŵ)ᵀ),   so   H = 2·XᵀX is the Hessian of the error in W
/// ```
/// (Frantar et al. 2022, "GPTQ: Accurate Post-Training Quantization for Generative Pre-trained
/// Transformers", eq. 1; the rows of X are the layer's input vectors.) The sum is divided by N,
/// as the reference implementation's running average does: the algorithm is invariant to the
/// scale of H (the dampening is relative to mean(diag H)), and the mean keeps the entries of the
/// order of the inputs' second moments whatever N is. Accumulated in FP64 (OpenBLAS `dgemm`).
public struct GPTQHessian: Sendable {
    /// Input features (the side of H).
    public let features: Int
    /// Rows accumulated so far, N.
    public private(set) var rows = 0
    /// Σ xᵀx over the rows seen, FP64, `features × features`.
    private var sum: Matrix64

    /// An empty accumulator for inputs of `features` features.
    public init(features: Int) {
        precondition(features > 0, "GPTQHessian: \(features) features")
        self.features = features
        sum = Matrix64(rows: features, cols: features)
    }

    /// Adds the rows of `inputs` (`[N, features]`, or any rank whose last axis is `features`).
    public mutating func accumulate(_ inputs: Tensor) {
        precondition(inputs.shape.last == features, "GPTQHessian: inputs \(inputs.shape) for \(features) features")
        let n = inputs.count / features
        guard n > 0 else { return }
        let x = Matrix64(rows: n, cols: features, storage: inputs.storage.map(Double.init))
        let xtx = Matrix64.product(x, x, transposeA: true)
        for i in sum.storage.indices { sum.storage[i] += xtx.storage[i] }
        rows += n
    }

    /// `H = (2/N)·Σ xᵀx`.
    /// - Precondition: at least one row was accumulated.
    public var matrix: Matrix64 {
        precondition(rows > 0, "GPTQHessian: no inputs accumulated")
        let factor = 2 / Double(rows)
        return Matrix64(rows: features, cols: features, storage: sum.storage.map { $0 * factor })
    }
}
