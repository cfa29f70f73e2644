public import Tensor

/// Max pooling over NCHW images (PyTorch's `MaxPool2d` without padding or dilation): each output
/// pixel is the largest input in its window, and the gradient goes to that input alone.
///
/// ```
/// y[n, c, oh, ow] = max_{0≤i,j<k} x[n, c, oh·s + i, ow·s + j]
/// OH = ⌊(H − k)/s⌋ + 1,  OW = ⌊(W − k)/s⌋ + 1            (trailing rows/columns that fit no window are dropped)
/// ∂L/∂x[a] = Σ over windows whose argmax is a of ∂L/∂y   (0 for inputs that are no window's maximum)
/// ```
/// The argmax is the first maximum in the window's row-major order and a NaN always wins (the
/// last NaN of the window), as in PyTorch's CPU kernel (`val > maxval || isnan(val)`), so NaN
/// propagates. Max pooling has no
/// parameters; `forward` keeps the argmax of every output pixel for `backward`.
/// - Complexity: O(N·C·OH·OW·k²) comparisons.
public struct MaxPool2d: Layer {
    /// k, the window's side.
    public let kernelSize: Int
    /// s, the step between windows (k by default: non-overlapping windows).
    public let stride: Int
    /// The input shape and the flat input index of every output pixel's maximum.
    private var cache: (inputShape: [Int], argmax: [Int32])?

    /// Pooling over k × k windows every s pixels.
    /// - Precondition: `kernelSize ≥ 1`, `stride ≥ 1`.
    public init(kernelSize: Int = 2, stride: Int? = nil) {
        precondition(kernelSize >= 1 && (stride ?? 1) >= 1, "MaxPool2d: kernel \(kernelSize), stride \(stride ?? kernelSize)")
        self.kernelSize = kernelSize
        self.stride = stride ?? kernelSize
    }

    /// `[N, C, OH, OW]` for an input of shape `[N, C, H, W]`.
    /// - Precondition: a rank-4 input at least k pixels high and wide.
    public func outputShape(for inputShape: [Int]) -> [Int] {
        precondition(inputShape.count == 4 && inputShape[2] >= kernelSize && inputShape[3] >= kernelSize,
                     "MaxPool2d: input \(inputShape) is not [N, C, H, W] with H, W ≥ \(kernelSize)")
        return [inputShape[0], inputShape[1], (inputShape[2] - kernelSize) / stride + 1, (inputShape[3] - kernelSize) / stride + 1]
    }

    public mutating func forward(_ input: Tensor) -> Tensor {
        let (y, argmax) = pool(input)
        cache = (input.shape, argmax)
        return y
    }

    public mutating func backward(_ outputGradient: Tensor) -> Tensor {
        guard let (shape, argmax) = cache else { preconditionFailure("MaxPool2d.backward before forward") }
        precondition(outputGradient.count == argmax.count,
                     "MaxPool2d.backward: gradient \(outputGradient.shape) for output \(outputShape(for: shape))")
        var dx = [Float](repeating: 0, count: shape.reduce(1, *))
        // Accumulate: with s < k an input can be the maximum of several windows.
        for i in argmax.indices { dx[Int(argmax[i])] += outputGradient.storage[i] }
        return Tensor(shape: shape, storage: dx)
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        pool(input).output
    }

    /// No parameters.
    public mutating func visitParameters(_ body: (String, inout Parameter) -> Void) {}

    /// The pooled images and the flat input index of each output's maximum.
    ///
    /// Shaped for speed: on random activations each comparison is a coin toss, and a scalar
    /// loop mispredicts it (the compiler turns even a `? :` select back into a branch there):
    /// that loop took 1.8 ms on the vision CNN's first pooling (64 × 16 × 24 × 24 inputs) and
    /// 0.5 ms on its second (64 × 32 × 8 × 8). So the running maximum lives in SIMD lanes and is
    /// updated by blends, 8 outputs at a time: for 2 × 2 windows with stride 2 and rows of at
    /// least 8 outputs, from the even and odd halves of 16 contiguous inputs of two rows
    /// (1.8 ms → 0.14 ms); otherwise by gathering each tap of 8 windows (0.5 ms → 0.09 ms;
    /// release build, one core, best of 40).
    private func pool(_ input: Tensor) -> (output: Tensor, argmax: [Int32]) {
        let shape = outputShape(for: input.shape)
        let (h, w, oh, ow) = (input.shape[2], input.shape[3], shape[2], shape[3])
        let (k, s, planes) = (kernelSize, stride, shape[0] * shape[1])
        precondition(input.count <= Int(Int32.max), "MaxPool2d: input of \(input.count) values exceeds 32-bit indices")
        let count = shape.reduce(1, *)
        var y = [Float](repeating: 0, count: count)
        var argmax = [Int32](repeating: 0, count: count)
        guard count > 0 else { return (Tensor(shape: shape, storage: y), argmax) }
        input.storage.withUnsafeBufferPointer { xb in
            y.withUnsafeMutableBufferPointer { yb in
                argmax.withUnsafeMutableBufferPointer { ab in
                    let (x, yp, ap) = (xb.baseAddress!, yb.baseAddress!, ab.baseAddress!)
                    if k == 2 && s == 2 && ow >= 8 {
                        Self.pairsOfRows(x, yp, ap, planes: planes, height: h, width: w, outputHeight: oh, outputWidth: ow)
                    } else {
                        Self.gathered(x, yp, ap, planes: planes, height: h, width: w, shape: shape, kernel: k, stride: s)
                    }
                }
            }
        }
        return (Tensor(shape: shape, storage: y), argmax)
    }

    /// PyTorch's rule on 8 lanes: `>` keeps the first maximum, a NaN always wins.
    @inline(__always)
    private static func update(_ best: inout SIMD8<Float>, _ index: inout SIMD8<Int32>, _ v: SIMD8<Float>, _ at: SIMD8<Int32>) {
        let better = (v .> best) .| (v .!= v)
        best.replace(with: v, where: better)
        index.replace(with: at, where: SIMDMask(better._storage))
    }

    /// 2 × 2 windows, stride 2, OW ≥ 8: chunks of 8 outputs at columns 0, 8, …, and a last
    /// chunk ending at the last column (overlapping the one before, recomputing a few outputs
    /// the same way). 2·OW ≤ W, so each 16-value load stays inside its row.
    private static func pairsOfRows(
        _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ argmax: UnsafeMutablePointer<Int32>,
        planes: Int, height h: Int, width w: Int, outputHeight oh: Int, outputWidth ow: Int
    ) {
        let steps = SIMD8<Int32>(0, 2, 4, 6, 8, 10, 12, 14)
        for plane in 0..<planes {
            for r in 0..<oh {
                var c = 0
                while c < ow {
                    c = min(c, ow - 8)
                    let corner = plane * h * w + 2 * r * w + 2 * c
                    let top = UnsafeRawPointer(x + corner).loadUnaligned(as: SIMD16<Float>.self)
                    let bottom = UnsafeRawPointer(x + corner + w).loadUnaligned(as: SIMD16<Float>.self)
                    let first = SIMD8<Int32>(repeating: Int32(corner)) &+ steps
                    var (best, index) = (top.evenHalf, first)
                    update(&best, &index, top.oddHalf, first &+ 1)
                    update(&best, &index, bottom.evenHalf, first &+ Int32(w))
                    update(&best, &index, bottom.oddHalf, first &+ Int32(w + 1))
                    let out = (plane * oh + r) * ow + c
                    UnsafeMutableRawPointer(y + out).storeBytes(of: best, as: SIMD8<Float>.self)
                    UnsafeMutableRawPointer(argmax + out).storeBytes(of: index, as: SIMD8<Int32>.self)
                    c += 8
                }
            }
        }
    }

    /// Any window and stride: the top-left corners of 8 consecutive outputs (in output order,
    /// across rows and planes), each tap gathered into 8 lanes. A last partial chunk repeats
    /// its final corner in the spare lanes and stores only the lanes it owns.
    private static func gathered(
        _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ argmax: UnsafeMutablePointer<Int32>,
        planes: Int, height h: Int, width w: Int, shape: [Int], kernel k: Int, stride s: Int
    ) {
        let (oh, ow) = (shape[2], shape[3])
        var corners = [Int32]()
        corners.reserveCapacity(planes * oh * ow)
        for plane in 0..<planes {
            for r in 0..<oh {
                for c in 0..<ow { corners.append(Int32(plane * h * w + r * s * w + c * s)) }
            }
        }
        for start in Swift.stride(from: 0, to: corners.count, by: 8) {
            let lanes = min(8, corners.count - start)
            var corner = SIMD8<Int32>(repeating: corners[start + lanes - 1])
            for l in 0..<lanes { corner[l] = corners[start + l] }
            var best = SIMD8<Float>(), index = corner
            for l in 0..<8 { best[l] = x[Int(corner[l])] }
            for i in 0..<k {
                for j in 0..<k where i > 0 || j > 0 {
                    let at = corner &+ Int32(i * w + j)
                    var v = SIMD8<Float>()
                    for l in 0..<8 { v[l] = x[Int(at[l])] }
                    update(&best, &index, v, at)
                }
            }
            for l in 0..<lanes {
                y[start + l] = best[l]
                argmax[start + l] = index[l]
            }
        }
    }
}
