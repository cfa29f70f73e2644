import QuantCore
import Tensor

/// One layer of a `ConvNetEngine`, checked and converted once into what the oneDNN primitives
/// load: weights in the engine's precision, biases, output scales, and the shape it produces.
struct ConvNetStage {
    enum Kind {
        case convolution(kernel: Int)
        case maxPool(size: Int)
        case linear
    }

    let kind: Kind
    /// The output shape without the batch: `[O, H, W]` or `[O]`.
    let outputShape: [Int]
    /// The input shape without the batch.
    let inputShape: [Int]
    /// FP32 weights (FP32 engine), row-major `[O, …]`.
    var floatWeights: [Float] = []
    /// Symmetric INT8 codes per output channel (INT8 engine), row-major `[O, …]`.
    var codes: [Int8] = []
    /// The bias the primitive adds: FP32 biases, or for INT8 the bias in accumulator units `b / (s_x · s_w)`.
    var bias: [Float] = []
    /// oneDNN output scales (INT8: `s_x · s_w[o] / s_next`); empty for FP32.
    var outputScales: [Float] = []
    var relu = false
    /// Bytes of this layer's weights, scales and biases as the engine stores them.
    var bytes = 0

    /// The weights' extents as oneDNN sees them: `[O, I, K, K]` for a convolution, `[O, C, H, W]`
    /// for a linear layer over a 3-D input, `[O, I]` over a flat one.
    var weightDimensions: [Int] {
        let o = outputShape[0]
        switch kind {
        case .convolution(let k): return [o, inputShape[0], k, k]
        case .linear: return [o] + inputShape
        case .maxPool: return []
        }
    }

    /// Checks `layer` against `inputShape` and prepares it.
    /// - Parameters:
    ///   - scales: for INT8, the input scale of this layer and of the next layer with weights
    ///     (`nil` after the last: its output stays FP32); `nil` for FP32.
    /// - Throws: `KernelInputError` naming the layer for a shape that does not chain;
    ///   `QuantizationError` for a NaN or infinity in the weights.
    init(_ layer: ConvNetLayer, index: Int, inputShape: [Int], scales: (input: Float, next: Float?)?) throws {
        self.inputShape = inputShape
        switch layer {
        case .maxPool(let size):
            guard inputShape.count == 3, size >= 1, inputShape[1] % size == 0, inputShape[2] % size == 0 else {
                throw KernelInputError("ConvNetEngine layer \(index): max pool \(size) over input \(inputShape); needs [C, H, W] with H and W multiples of the window")
            }
            kind = .maxPool(size: size)
            outputShape = [inputShape[0], inputShape[1] / size, inputShape[2] / size]
            return
        case .convolution(let weight, let bias, let relu):
            let s = weight.shape
            guard inputShape.count == 3, s.count == 4, s[1] == inputShape[0], s[2] == s[3], s[2] <= min(inputShape[1], inputShape[2]),
                  bias.count == s[0] else {
                throw KernelInputError("ConvNetEngine layer \(index): convolution weight \(s), bias \(bias.count) over input \(inputShape); needs [O, C, K, K] with K ≤ H, W and O biases")
            }
            kind = .convolution(kernel: s[2])
            outputShape = [s[0], inputShape[1] - s[2] + 1, inputShape[2] - s[2] + 1]
            try prepare(weight, bias, relu, scales)
        case .linear(let weight, let bias, let relu):
            let s = weight.shape
            guard s.count == 2, s[1] == inputShape.reduce(1, *), bias.count == s[0] else {
                throw KernelInputError("ConvNetEngine layer \(index): linear weight \(s), bias \(bias.count) over input \(inputShape); needs [O, \(inputShape.reduce(1, *))] and O biases")
            }
            kind = .linear
            outputShape = [s[0]]
            try prepare(weight, bias, relu, scales)
        }
    }

    /// FP32: the weights as they are. INT8: QuantCore's symmetric per-output-channel codes, and
    /// the scales that fold the input scale, the weight scale and the next input's scale into one
    /// multiplier per channel, so the primitive writes the next layer's u8 codes directly.
    private mutating func prepare(_ weight: Tensor, _ bias: [Float], _ relu: Bool, _ scales: (input: Float, next: Float?)?) throws {
        self.relu = relu
        let outputs = weight.shape[0]
        guard let scales else {
            floatWeights = weight.storage
            self.bias = bias
            bytes = 4 * (weight.count + outputs)
            return
        }
        let matrix = try SymmetricIntegerMatrix(
            quantizing: weight.reshaped([outputs, weight.count / outputs]), bits: 8, axis: .rows)
        codes = matrix.codes
        // An all-zero channel has scale 0 (its codes are 0): any positive scale gives the same
        // product, and 1 keeps the bias division finite.
        let weightScales = matrix.scales.map { $0 > 0 ? $0 : 1 }
        let next = scales.next ?? 1
        outputScales = weightScales.map { scales.input * $0 / next }
        self.bias = zip(bias, weightScales).map { $0 / (scales.input * $1) }
        bytes = weight.count + 4 * outputs + 4 * outputs
    }
}
