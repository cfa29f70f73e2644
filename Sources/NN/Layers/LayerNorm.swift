import Kernels
public import Tensor

/// Layer normalization over the last axis (Ba et al. 2016; PyTorch's `nn.LayerNorm(D)`):
/// ```
/// μ = (1/D) Σⱼ xⱼ,   σ² = (1/D) Σⱼ (xⱼ − μ)²   (biased, as PyTorch),   r = 1/√(σ² + ε)
/// x̂ⱼ = (xⱼ − μ)·r,   yⱼ = γⱼ x̂ⱼ + βⱼ
/// backward:  ∂L/∂γⱼ = Σ_rows gⱼ x̂ⱼ,   ∂L/∂βⱼ = Σ_rows gⱼ,
///            ∂L/∂xⱼ = r·(ĝⱼ − mean(ĝ) − x̂ⱼ·mean(ĝ ⊙ x̂)),   ĝ = g ⊙ γ
/// ```
/// Every row of D values (the last axis of any input rank: `[N, D]`, `[B, T, D]`) is
/// normalized on its own, in training and inference alike: there are no running statistics.
/// Row sums are taken in FP64 so that a row with a large mean (BERT's outlier dimensions reach
/// |x| ≈ 10²) loses no digits of its variance.
public struct LayerNorm: Layer {
    /// γ, `[D]`.
    public var weight: Parameter
    /// β, `[D]`.
    public var bias: Parameter
    /// ε added to the variance: 1e-5 in PyTorch's default, 1e-12 in BERT.
    public let epsilon: Float

    /// x̂ and r of every row of the latest `forward`.
    private var cache: (normalized: [Float], inverseDeviation: [Float])?

    /// γ = 1, β = 0 over `features` values.
    public init(features: Int, epsilon: Float = 1e-5) {
        self.init(weight: Tensor(shape: [features], repeating: 1), bias: Tensor(shape: [features], repeating: 0), epsilon: epsilon)
    }

    /// The given γ and β.
    /// - Precondition: both are `[D]`.
    public init(weight: Tensor, bias: Tensor, epsilon: Float = 1e-5) {
        precondition(weight.rank == 1 && bias.shape == weight.shape, "LayerNorm: weight \(weight.shape) and bias \(bias.shape) must be [D]")
        self.weight = Parameter(weight)
        self.bias = Parameter(bias)
        self.epsilon = epsilon
    }

    /// D, the normalized extent.
    public var features: Int { weight.value.count }

    public mutating func forward(_ input: Tensor) -> Tensor {
        let (y, normalized, inverse) = normalize(input)
        cache = (normalized, inverse)
        return y
    }

    public mutating func backward(_ outputGradient: Tensor) -> Tensor {
        guard let (normalized, inverse) = cache else { preconditionFailure("LayerNorm.backward before forward") }
        precondition(outputGradient.count == normalized.count, "LayerNorm.backward: \(outputGradient.count) gradients for \(normalized.count) inputs")
        let d = features
        let rows = inverse.count
        var dGamma = [Double](repeating: 0, count: d)
        var dBeta = [Double](repeating: 0, count: d)
        var dx = [Float](repeating: 0, count: normalized.count)
        let gamma = weight.value.storage
        outputGradient.storage.withUnsafeBufferPointer { g in
            normalized.withUnsafeBufferPointer { xh in
                dx.withUnsafeMutableBufferPointer { out in
                    for r in 0..<rows {
                        let base = r * d
                        var meanG = 0.0, meanGX = 0.0
                        for j in 0..<d {
                            let gj = Double(g[base + j]), xj = Double(xh[base + j])
                            dGamma[j] += gj * xj
                            dBeta[j] += gj
                            let gh = gj * Double(gamma[j])
                            meanG += gh
                            meanGX += gh * xj
                        }
                        meanG /= Double(d)
                        meanGX /= Double(d)
                        let inv = Double(inverse[r])
                        for j in 0..<d {
                            let gh = Double(g[base + j]) * Double(gamma[j])
                            out[base + j] = Float(inv * (gh - meanG - Double(xh[base + j]) * meanGX))
                        }
                    }
                }
            }
        }
        weight.accumulateGradient(dGamma.map(Float.init))
        bias.accumulateGradient(dBeta.map(Float.init))
        return Tensor(shape: outputGradient.shape, storage: dx)
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        normalize(input).output
    }

    public mutating func visitParameters(_ body: (String, inout Parameter) -> Void) {
        body("weight", &weight)
        body("bias", &bias)
    }

    /// y, x̂ and r for every row of `input`.
    private func normalize(_ input: Tensor) -> (output: Tensor, normalized: [Float], inverse: [Float]) {
        let d = features
        precondition(input.rank >= 1 && input.shape[input.rank - 1] == d, "LayerNorm: input \(input.shape) does not end in \(d)")
        let rows = input.count / d
        var y = [Float](repeating: 0, count: input.count)
        var xh = [Float](repeating: 0, count: input.count)
        var inverse = [Float](repeating: 0, count: rows)
        let gamma = weight.value.storage, beta = bias.value.storage
        input.storage.withUnsafeBufferPointer { x in
            y.withUnsafeMutableBufferPointer { outBuffer in
                xh.withUnsafeMutableBufferPointer { normBuffer in
                    inverse.withUnsafeMutableBufferPointer { inverseBuffer in
                        // Rows on the GEMV kernels' workers (`forEachChunk`); each row writes
                        // only its own slices, so the split changes no result.
                        nonisolated(unsafe) let (out, norm, inverse) = (outBuffer, normBuffer, inverseBuffer)
                        forEachChunk(of: rows, threads: input.count >= 1 << 14 ? defaultKernelThreads : 1) { range in
                            for r in range {
                                let base = r * d
                                var sum = 0.0
                                for j in 0..<d { sum += Double(x[base + j]) }
                                let mean = sum / Double(d)
                                var squares = 0.0
                                for j in 0..<d {
                                    let c = Double(x[base + j]) - mean
                                    squares += c * c
                                }
                                let inv = 1 / (squares / Double(d) + Double(epsilon)).squareRoot()
                                inverse[r] = Float(inv)
                                for j in 0..<d {
                                    let n = Float((Double(x[base + j]) - mean) * inv)
                                    norm[base + j] = n
                                    out[base + j] = gamma[j] * n + beta[j]
                                }
                            }
                        }
                    }
                }
            }
        }
        return (Tensor(shape: input.shape, storage: y), xh, inverse)
    }
}
