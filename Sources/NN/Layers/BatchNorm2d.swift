public import Tensor

/// Batch normalization over the channels of NCHW images (Ioffe & Szegedy, 2015, "Batch
/// Normalization: Accelerating Deep Network Training by Reducing Internal Covariate Shift",
/// algorithm 1), with PyTorch's `BatchNorm2d` conventions for the running statistics.
///
/// ```
/// training (statistics of the batch, per channel c over the M = N·H·W values x of that channel):
///   μ = (1/M) Σ x,   σ² = (1/M) Σ (x − μ)²,   x̂ = (x − μ) / √(σ² + ε),   y = γ x̂ + β
///   μ_run ← (1 − m) μ_run + m μ,   σ²_run ← (1 − m) σ²_run + m σ² · M/(M − 1)   (unbiased, as PyTorch)
/// inference (running statistics):
///   y = γ (x − μ_run) / √(σ²_run + ε) + β
/// backward (training mode; μ and σ² depend on x):
///   ∂L/∂γ = Σ ∂L/∂y · x̂,   ∂L/∂β = Σ ∂L/∂y
///   ∂L/∂x = γ / (M √(σ² + ε)) · (M ∂L/∂y − Σ ∂L/∂y − x̂ · Σ ∂L/∂y · x̂)
/// ```
/// Defaults are PyTorch's: momentum m = 0.1, ε = 10⁻⁵, γ = 1, β = 0, μ_run = 0, σ²_run = 1.
/// The batch sums take two passes for σ² (no cancellation); each image's run of H·W values is
/// summed in FP32 SIMD lanes and the runs in FP64 (`RunSums`); the per-element arithmetic is FP32. Before quantization a batch norm is folded into the
/// convolution before it (`Conv2d.foldingBatchNorm(_:)`), so it never runs quantized.
/// Inputs are `[N, C, …]`: any trailing extent works (`[N, C]` normalizes features).
/// - Complexity: O(N·C·H·W) per pass.
public struct BatchNorm2d: Layer {
    /// γ, the per-channel scale, `[C]` (PyTorch's `weight`).
    public var weight: Parameter
    /// β, the per-channel shift, `[C]` (PyTorch's `bias`).
    public var bias: Parameter
    /// μ_run, `[C]`: what inference subtracts (a buffer, not trained).
    public var runningMean: Tensor
    /// σ²_run, `[C]`: what inference divides by, under a square root with ε (a buffer).
    public var runningVariance: Tensor
    /// m, the weight of the latest batch in the running statistics.
    public let momentum: Float
    /// ε, added to the variance so that a constant channel does not divide by zero.
    public let epsilon: Float
    /// x̂ and 1/√(σ² + ε) per channel of the latest training forward.
    private var cache: (normalized: [Float], inverseDeviation: [Float], shape: [Int])?

    /// A batch norm over `channels` channels with γ = 1, β = 0, μ_run = 0, σ²_run = 1.
    /// - Precondition: `channels ≥ 1`, `0 ≤ momentum ≤ 1`, `epsilon > 0`.
    public init(channels: Int, momentum: Float = 0.1, epsilon: Float = 1e-5) {
        precondition(channels >= 1 && (0...1).contains(momentum) && epsilon > 0,
                     "BatchNorm2d: channels \(channels), momentum \(momentum), ε \(epsilon)")
        weight = Parameter(Tensor(shape: [channels], repeating: 1))
        bias = Parameter(Tensor(shape: [channels], repeating: 0))
        runningMean = Tensor(shape: [channels], repeating: 0)
        runningVariance = Tensor(shape: [channels], repeating: 1)
        self.momentum = momentum
        self.epsilon = epsilon
    }

    /// C.
    public var channels: Int { weight.value.count }

    public mutating func forward(_ input: Tensor) -> Tensor {
        let (batch, spatial) = extents(input.shape)
        let m = batch * spatial
        precondition(m > 1, "BatchNorm2d: training needs more than one value per channel, got input \(input.shape)")
        var normalized = [Float](repeating: 0, count: input.count)
        var inverseDeviation = [Float](repeating: 0, count: channels)
        var y = [Float](repeating: 0, count: input.count)
        // Pointers rather than array subscripts inside the per-run closures: no uniqueness or
        // bounds checks in the inner loops.
        input.storage.withUnsafeBufferPointer { x in
            normalized.withUnsafeMutableBufferPointer { xHat in
                y.withUnsafeMutableBufferPointer { out in
                    for c in 0..<channels {
                        var sum = 0.0
                        forEachRun(c, batch, spatial) { run in sum += Double(RunSums.sum(x.baseAddress! + run.lowerBound, run.count)) }
                        let mean = sum / Double(m)
                        var squares = 0.0
                        forEachRun(c, batch, spatial) { run in
                            squares += Double(RunSums.squares(x.baseAddress! + run.lowerBound, run.count, about: Float(mean)))
                        }
                        let inv = Float(1 / (squares / Double(m) + Double(epsilon)).squareRoot())
                        let (mu, gamma, beta) = (Float(mean), weight.value.storage[c], bias.value.storage[c])
                        inverseDeviation[c] = inv
                        forEachRun(c, batch, spatial) { run in
                            for i in run {
                                xHat[i] = (x[i] - mu) * inv
                                out[i] = gamma * xHat[i] + beta
                            }
                        }
                        runningMean.storage[c] = (1 - momentum) * runningMean.storage[c] + momentum * Float(mean)
                        runningVariance.storage[c] = (1 - momentum) * runningVariance.storage[c]
                            + momentum * Float(squares / Double(m - 1))
                    }
                }
            }
        }
        cache = (normalized, inverseDeviation, input.shape)
        return Tensor(shape: input.shape, storage: y)
    }

    public mutating func backward(_ outputGradient: Tensor) -> Tensor {
        guard let (normalized, inverseDeviation, shape) = cache else { preconditionFailure("BatchNorm2d.backward before forward") }
        precondition(outputGradient.shape == shape, "BatchNorm2d.backward: gradient \(outputGradient.shape) for output \(shape)")
        let (batch, spatial) = extents(shape)
        let m = Float(batch * spatial)
        var dx = [Float](repeating: 0, count: outputGradient.count)
        var dGamma = [Float](repeating: 0, count: channels)
        var dBeta = [Float](repeating: 0, count: channels)
        outputGradient.storage.withUnsafeBufferPointer { dy in
            normalized.withUnsafeBufferPointer { xHat in
                dx.withUnsafeMutableBufferPointer { out in
                    for c in 0..<channels {
                        var sumDy = 0.0, sumDyXHat = 0.0
                        forEachRun(c, batch, spatial) { run in
                            sumDy += Double(RunSums.sum(dy.baseAddress! + run.lowerBound, run.count))
                            sumDyXHat += Double(RunSums.dot(dy.baseAddress! + run.lowerBound, xHat.baseAddress! + run.lowerBound, run.count))
                        }
                        dGamma[c] = Float(sumDyXHat)
                        dBeta[c] = Float(sumDy)
                        let scale = weight.value.storage[c] * inverseDeviation[c] / m
                        let (a, b) = (Float(sumDy), Float(sumDyXHat))
                        forEachRun(c, batch, spatial) { run in
                            for i in run { out[i] = scale * (m * dy[i] - a - xHat[i] * b) }
                        }
                    }
                }
            }
        }
        weight.accumulateGradient(dGamma)
        bias.accumulateGradient(dBeta)
        return Tensor(shape: shape, storage: dx)
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        let (batch, spatial) = extents(input.shape)
        let (scale, shift) = inferenceAffine
        var y = input.storage
        y.withUnsafeMutableBufferPointer { p in
            for c in 0..<channels {
                let (a, b) = (scale[c], shift[c])
                forEachRun(c, batch, spatial) { run in for i in run { p[i] = a * p[i] + b } }
            }
        }
        return Tensor(shape: input.shape, storage: y)
    }

    public mutating func visitParameters(_ body: (String, inout Parameter) -> Void) {
        body("weight", &weight)
        body("bias", &bias)
    }

    public mutating func visitBuffers(_ body: (String, inout Tensor) -> Void) {
        body("runningMean", &runningMean)
        body("runningVariance", &runningVariance)
    }

    /// Inference as a per-channel affine map y = a·x + b, computed in FP64 and rounded once:
    /// ```
    /// a = γ / √(σ²_run + ε),   b = β − μ_run · a
    /// ```
    /// What folding multiplies into a convolution.
    public var inferenceAffine: (scale: [Float], shift: [Float]) {
        var scale = [Float](repeating: 0, count: channels), shift = scale
        for c in 0..<channels {
            let a = Double(weight.value.storage[c]) / (Double(runningVariance.storage[c]) + Double(epsilon)).squareRoot()
            scale[c] = Float(a)
            shift[c] = Float(Double(bias.value.storage[c]) - Double(runningMean.storage[c]) * a)
        }
        return (scale, shift)
    }

    /// N and the values per image and channel (H·W) of an input of `shape`.
    private func extents(_ shape: [Int]) -> (batch: Int, spatial: Int) {
        precondition(shape.count >= 2 && shape[1] == channels, "BatchNorm2d: input \(shape) is not [N, \(channels), …]")
        return (shape[0], shape.dropFirst(2).reduce(1, *))
    }

    /// Calls `body` with the flat index range of channel `c` in each image: N runs of H·W.
    @inline(__always)
    private func forEachRun(_ c: Int, _ batch: Int, _ spatial: Int, _ body: (Range<Int>) -> Void) {
        for n in 0..<batch {
            let start = (n * channels + c) * spatial
            body(start..<(start + spatial))
        }
    }
}
