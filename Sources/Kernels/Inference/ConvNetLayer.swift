public import Tensor

/// One layer of a feed-forward image classifier as `ConvNetEngine` runs it: the inference graph
/// of a CNN whose batch norms are folded into its convolutions.
public enum ConvNetLayer: Sendable {
    /// A 2-D convolution with stride 1 and no padding, optionally followed by a ReLU:
    /// `weight` is `[O, I, K, K]`, `bias` has `O` entries.
    case convolution(weight: Tensor, bias: [Float], relu: Bool)
    /// Max pooling over non-overlapping `size × size` windows (the input's height and width must
    /// be multiples of `size`).
    case maxPool(size: Int)
    /// A fully connected layer over the flattened input (channel, row, column order, as NN's
    /// `Flatten`), optionally followed by a ReLU: `weight` is `[O, I]`, `bias` has `O` entries.
    case linear(weight: Tensor, bias: [Float], relu: Bool)

    /// Whether the layer has weights (a convolution or a linear layer).
    var hasWeights: Bool {
        if case .maxPool = self { return false }
        return true
    }
}
