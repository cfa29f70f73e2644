public import Tensor

/// Joins every axis after the first: `[N, d₁, …, dₖ]` → `[N, d₁·…·dₖ]`, between convolutional
/// and fully connected layers. Row-major storage is unchanged, so both passes only reshape.
public struct Flatten: Layer {
    /// The latest forward's input shape, which `backward` restores.
    private var inputShape: [Int]?

    /// The reshape.
    public init() {}

    public mutating func forward(_ input: Tensor) -> Tensor {
        inputShape = input.shape
        return self(input)
    }

    public mutating func backward(_ outputGradient: Tensor) -> Tensor {
        guard let inputShape else { preconditionFailure("Flatten.backward before forward") }
        precondition(outputGradient.count == inputShape.reduce(1, *),
                     "Flatten.backward: gradient \(outputGradient.shape) for input \(inputShape)")
        return outputGradient.reshaped(inputShape)
    }

    /// - Precondition: the input has rank ≥ 1.
    public func callAsFunction(_ input: Tensor) -> Tensor {
        precondition(input.rank >= 1, "Flatten: input of shape \(input.shape) has no batch axis")
        return input.reshaped([input.shape[0], input.shape.dropFirst().reduce(1, *)])
    }

    /// No parameters.
    public mutating func visitParameters(_ body: (String, inout Parameter) -> Void) {}
}
