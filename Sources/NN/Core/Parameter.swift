public import Tensor

/// A trainable tensor and the gradient of the loss with respect to it.
///
/// A layer owns its parameters as stored properties; `backward` adds into `gradient`
/// (so gradients of several uses accumulate), the training loop zeroes them before each step
/// (`Layer.zeroGradients()`), and an optimizer rewrites `value` in place.
public struct Parameter: Sendable, Equatable {
    /// The current value.
    public var value: Tensor
    /// ∂L/∂value accumulated since the last `zeroGradient()`; same shape as `value`.
    public var gradient: Tensor

    /// A parameter with value `value` and a zero gradient.
    public init(_ value: Tensor) {
        self.value = value
        self.gradient = Tensor(shape: value.shape, repeating: 0)
    }

    /// Sets every gradient element to 0.
    public mutating func zeroGradient() {
        for i in gradient.storage.indices { gradient.storage[i] = 0 }
    }

    /// Adds `delta` into the gradient.
    /// - Precondition: `delta` has the value's element count.
    public mutating func accumulateGradient(_ delta: [Float]) {
        precondition(delta.count == gradient.count, "Parameter: gradient of \(delta.count) elements for shape \(value.shape)")
        gradient.storage.withUnsafeMutableBufferPointer { g in
            for i in g.indices { g[i] += delta[i] }
        }
    }
}
