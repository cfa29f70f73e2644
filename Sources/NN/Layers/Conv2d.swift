public import Tensor

/// A 2-D convolution over NCHW images (PyTorch's `Conv2d`, cross-correlation), computed for the
/// whole batch as one GEMM over the unfolded receptive fields (im2col), and able to
/// fake-quantize its weights and inputs.
///
/// ```
/// y[n, o, oh, ow] = b[o] + Σ_{c,i,j} Ŵ[o, c, i, j] · x̂[n, c, oh·s + i − p, ow·s + j − p]
///                   (x̂ = Q_in(x), Ŵ = Q_w(W); zero padding)
/// x: [N, C, H, W],  W: [O, C, kh, kw],  y: [N, O, OH, OW],  OH = ⌊(H + 2p − kh)/s⌋ + 1
///
/// forward:   X_col = im2col(x̂)                    [C·kh·kw, N·OH·OW]
///            Y = Ŵ_mat · X_col                     [O, N·OH·OW]     (Ŵ_mat = Ŵ as [O, C·kh·kw])
///            y = Y seen as [N, O, OH, OW] + b
/// backward:  G = ∂L/∂y as [O, N·OH·OW]
///            ∂L/∂Ŵ_mat = G · X_colᵀ,   ∂L/∂b[o] = Σ G[o, ·],   ∂L/∂x̂ = col2im(Ŵ_matᵀ · G)
///            then through Q_w and Q_in (identity when unset)
/// ```
/// The three products run on oneDNN FP32 `sgemm` (`MatrixProduct`), one per pass over the whole
/// batch rather than one per image: for the vision CNN's first layer that is a
/// `16 × 25 · 25 × 36 864` product on a batch of 64, large enough to keep the GEMM efficient.
/// The weight layout `[out, in, kh, kw]` is PyTorch's and safetensors', so per-output-channel
/// weight quantization is along axis 0, as for `Linear`.
/// - Complexity: forward O(N·O·C·kh·kw·OH·OW) multiply-adds, backward twice that; the cache
///   holds X_col, C·kh·kw·N·OH·OW floats.
public struct Conv2d: QuantizableLayer {
    /// W, `[outputChannels, inputChannels, kernelHeight, kernelWidth]`.
    public var weight: Parameter
    /// b, `[outputChannels]`.
    public var bias: Parameter
    /// s, the step between windows along both image axes.
    public let stride: Int
    /// p, the zero rows and columns added on each side of the image.
    public let padding: Int
    /// Applied to `weight.value` in every forward pass, when set.
    public var weightQuantizer: (any FakeQuantizer)?
    /// Applied to the input images in every forward pass, when set.
    public var inputQuantizer: (any FakeQuantizer)?

    /// X_col, the quantized weight and the geometry of the latest `forward`.
    private var cache: (columns: [Float], weight: Tensor, geometry: Im2Col.Geometry)?

    /// A layer with the given weight and bias.
    /// - Precondition: `weight` is `[O, C, kh, kw]` with positive extents, `bias` is `[O]`,
    ///   `stride ≥ 1`, `padding ≥ 0`.
    public init(weight: Tensor, bias: Tensor, stride: Int = 1, padding: Int = 0) {
        precondition(weight.rank == 4 && weight.shape.allSatisfy { $0 > 0 } && bias.shape == [weight.shape[0]],
                     "Conv2d: weight \(weight.shape) and bias \(bias.shape) do not match")
        precondition(stride >= 1 && padding >= 0, "Conv2d: stride \(stride), padding \(padding)")
        self.weight = Parameter(weight)
        self.bias = Parameter(bias)
        self.stride = stride
        self.padding = padding
    }

    /// A layer initialised as PyTorch does: W and b uniform in ±1/√(C·k²) (Kaiming-uniform
    /// with a = √5 over the fan-in C·k²), drawn from `rng`.
    /// - Parameters:
    ///   - inputChannels: C.
    ///   - outputChannels: O, the number of filters.
    ///   - kernelSize: k, for a square k × k filter.
    ///   - stride: s ≥ 1.
    ///   - padding: p ≥ 0.
    public init(
        inputChannels: Int, outputChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
        using rng: inout some RandomNumberGenerator
    ) {
        let bound = 1 / Float(inputChannels * kernelSize * kernelSize).squareRoot()
        self.init(
            weight: .uniform(shape: [outputChannels, inputChannels, kernelSize, kernelSize], low: -bound, high: bound, using: &rng),
            bias: .uniform(shape: [outputChannels], low: -bound, high: bound, using: &rng),
            stride: stride, padding: padding)
    }

    /// C, the channels of an input image.
    public var inputChannels: Int { weight.value.shape[1] }
    /// O, the channels of an output image (the number of filters).
    public var outputChannels: Int { weight.value.shape[0] }
    /// (kh, kw).
    public var kernelSize: (height: Int, width: Int) { (weight.value.shape[2], weight.value.shape[3]) }

    /// `[N, O, OH, OW]` for an input of shape `[N, C, H, W]`.
    /// - Precondition: a rank-4 input with C channels that fits at least one window.
    public func outputShape(for inputShape: [Int]) -> [Int] {
        let g = geometry(inputShape)
        return [g.batch, outputChannels, g.outputHeight, g.outputWidth]
    }

    public mutating func forward(_ input: Tensor) -> Tensor {
        let x = inputQuantizer.forward(input)
        let w = weightQuantizer.forward(weight.value)
        let g = geometry(x.shape)
        let columns = x.storage.withUnsafeBufferPointer { Im2Col.columns(of: $0, g) }
        cache = (columns, w, g)
        return Conv2d.output(columns, w, bias.value, g)
    }

    public mutating func backward(_ outputGradient: Tensor) -> Tensor {
        guard let (columns, w, g) = cache else { preconditionFailure("Conv2d.backward before forward") }
        let (o, pixels) = (outputChannels, g.outputHeight * g.outputWidth)
        precondition(outputGradient.shape == [g.batch, o, g.outputHeight, g.outputWidth],
                     "Conv2d.backward: gradient \(outputGradient.shape) for output \([g.batch, o, g.outputHeight, g.outputWidth])")
        let gradient = Tensor(shape: [o, g.columns], storage: Conv2d.swapBatchAndChannels(outputGradient.storage, g.batch, o, pixels))
        let xCol = Tensor(shape: [g.rows, g.columns], storage: columns)
        let dW = MatrixProduct.product(gradient, xCol, transposeB: true)
        weight.accumulateGradient(weightQuantizer.backward(dW.reshaped(w.shape)).storage)
        var db = [Float](repeating: 0, count: o)
        gradient.storage.withUnsafeBufferPointer { gp in
            for c in 0..<o { db[c] = UnsafeBufferPointer(rebasing: gp[c * g.columns..<(c + 1) * g.columns]).reduce(0, +) }
        }
        bias.accumulateGradient(db)
        let dCol = MatrixProduct.product(w.reshaped([o, g.rows]), gradient, transposeA: true)
        let dx = dCol.storage.withUnsafeBufferPointer { Im2Col.images(fromColumns: $0, g) }
        return inputQuantizer.backward(Tensor(shape: [g.batch, g.channels, g.height, g.width], storage: dx))
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        let x = inputQuantizer.infer(input)
        let g = geometry(x.shape)
        let columns = x.storage.withUnsafeBufferPointer { Im2Col.columns(of: $0, g) }
        return Conv2d.output(columns, weightQuantizer.infer(weight.value), bias.value, g)
    }

    public mutating func visitParameters(_ body: (String, inout Parameter) -> Void) {
        body("weight", &weight)
        body("bias", &bias)
        weightQuantizer.visitParameters(prefix: "weightQuantizer.", body)
        inputQuantizer.visitParameters(prefix: "inputQuantizer.", body)
    }

    /// The geometry of this layer on an input of `shape`.
    private func geometry(_ shape: [Int]) -> Im2Col.Geometry {
        precondition(shape.count == 4 && shape[1] == inputChannels,
                     "Conv2d: input \(shape) is not [N, \(inputChannels), H, W]")
        let g = Im2Col.Geometry(
            batch: shape[0], channels: shape[1], height: shape[2], width: shape[3],
            kernelHeight: kernelSize.height, kernelWidth: kernelSize.width, stride: stride, padding: padding)
        precondition(shape[2] + 2 * padding >= g.kernelHeight && shape[3] + 2 * padding >= g.kernelWidth,
                     "Conv2d: input \(shape) with padding \(padding) is smaller than the kernel \(kernelSize)")
        return g
    }

    /// Ŵ_mat · X_col + b, as `[N, O, OH, OW]`.
    private static func output(_ columns: [Float], _ w: Tensor, _ b: Tensor, _ g: Im2Col.Geometry) -> Tensor {
        let o = w.shape[0]
        let y = MatrixProduct.product(w.reshaped([o, g.rows]), Tensor(shape: [g.rows, g.columns], storage: columns))
        let pixels = g.outputHeight * g.outputWidth
        var out = swapBatchAndChannels(y.storage, o, g.batch, pixels)
        out.withUnsafeMutableBufferPointer { p in
            for n in 0..<g.batch {
                for c in 0..<o {
                    let base = (n * o + c) * pixels
                    let bc = b.storage[c]
                    for i in base..<(base + pixels) { p[i] += bc }
                }
            }
        }
        return Tensor(shape: [g.batch, o, g.outputHeight, g.outputWidth], storage: out)
    }

    /// `[A, B, P]` → `[B, A, P]` for row-major blocks of P values: the GEMM's `[O, N, pixels]`
    /// to NCHW's `[N, O, pixels]` and back. Each block of P is one contiguous copy.
    private static func swapBatchAndChannels(_ values: [Float], _ a: Int, _ b: Int, _ p: Int) -> [Float] {
        precondition(values.count == a * b * p, "Conv2d: \(values.count) values for [\(a), \(b), \(p)]")
        return [Float](unsafeUninitializedCapacity: values.count) { out, count in
            values.withUnsafeBufferPointer { src in
                for i in 0..<a {
                    for j in 0..<b {
                        (out.baseAddress! + (j * a + i) * p).initialize(from: src.baseAddress! + (i * b + j) * p, count: p)
                    }
                }
            }
            count = values.count
        }
    }
}
