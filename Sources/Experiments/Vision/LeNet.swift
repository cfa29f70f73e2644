import NN
import Tensor

/// A model of the vision section: its name in the records, how to build it, and where its
/// quantizable layers sit once batch norm is folded.
struct VisionModel: Sendable {
    /// `cnn` or `mlp` (the `model` parameter of every record).
    let name: String
    /// The quantizable layers of the batch-norm-folded model, by name, with their positions in it.
    let layers: [(name: String, index: Int)]
    /// A freshly initialised model.
    let make: @Sendable (inout SeededGenerator) -> Sequential

    /// The LeNet-style CNN on 28×28 MNIST digits.
    static let cnn = VisionModel(name: "cnn", layers: LeNet.layers) { LeNet.make(using: &$0) }

    /// A two-layer MLP on scikit-learn's 8×8 digits: flatten → linear 64→64 → ReLU → linear 64→10.
    static let mlp = VisionModel(name: "mlp", layers: [("fc1", 1), ("fc2", 3)]) { rng in
        Sequential([Flatten(), Linear(inputs: 64, outputs: 64, using: &rng), ReLU(), Linear(inputs: 64, outputs: 10, using: &rng)])
    }

    /// The logits of `model` (inference mode) for `images`, `[N, 10]`, in batches of 250 so the
    /// im2col buffers stay small.
    static func logits(_ model: Sequential, _ images: Tensor) -> Tensor {
        let n = images.shape[0]
        var out: [Float] = []
        out.reserveCapacity(n * 10)
        for start in stride(from: 0, to: n, by: 250) {
            out += model(images.rows(at: Array(start..<min(n, start + 250)))).storage
        }
        return Tensor(shape: [n, 10], storage: out)
    }

    /// The input of every quantizable layer of the folded `model` for `images`, by layer name.
    func layerInputs(_ model: Sequential, _ images: Tensor) -> [String: [Float]] {
        var inputs: [String: [Float]] = [:]
        var x = images
        for (index, layer) in model.layers.enumerated() {
            if let name = layers.first(where: { $0.index == index })?.name { inputs[name] = x.storage }
            x = layer(x)
        }
        return inputs
    }
}

/// The vision section's CNN, LeNet-style:
/// ```
/// conv 5×5 ×16 → batch norm → ReLU → max-pool 2 → conv 5×5 ×32 → batch norm → ReLU → max-pool 2
///   → flatten (32·4·4 = 512) → linear 512→128 → ReLU → linear 128→10
/// ```
/// 28×28 inputs become 24×24 after the first convolution, 12×12 after pooling, 8×8 and 4×4 after
/// the second pair.
enum LeNet {
    /// The quantizable layers of the batch-norm-folded model, by name, with their positions in it.
    static let layers: [(name: String, index: Int)] = [("conv1", 0), ("conv2", 3), ("fc1", 7), ("fc2", 9)]

    /// A freshly initialised model (PyTorch's default initialisation, from `rng`).
    static func make(using rng: inout some RandomNumberGenerator) -> Sequential {
        Sequential([
            Conv2d(inputChannels: 1, outputChannels: 16, kernelSize: 5, using: &rng),
            BatchNorm2d(channels: 16),
            ReLU(),
            MaxPool2d(kernelSize: 2),
            Conv2d(inputChannels: 16, outputChannels: 32, kernelSize: 5, using: &rng),
            BatchNorm2d(channels: 32),
            ReLU(),
            MaxPool2d(kernelSize: 2),
            Flatten(),
            Linear(inputs: 512, outputs: 128, using: &rng),
            ReLU(),
            Linear(inputs: 128, outputs: 10, using: &rng),
        ])
    }
}
