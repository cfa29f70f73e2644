/// Stochastic gradient descent with (heavy-ball) momentum, as PyTorch's `SGD`:
/// ```
/// v ← μ · v + g,   θ ← θ − η · v          (v = 0 before the first step)
/// ```
/// With μ = 0 this is plain gradient descent, θ ← θ − η · g.
public struct SGD: Optimizer {
    /// η.
    public var learningRate: Float
    /// μ ∈ [0, 1).
    public let momentum: Float
    /// v per parameter, in visiting order.
    private var velocity: [[Float]] = []

    /// - Precondition: `learningRate > 0`, `0 ≤ momentum < 1`.
    public init(learningRate: Float, momentum: Float = 0) {
        precondition(learningRate > 0 && momentum >= 0 && momentum < 1, "SGD: learning rate \(learningRate), momentum \(momentum)")
        self.learningRate = learningRate
        self.momentum = momentum
    }

    public mutating func step(_ model: inout some Layer) {
        var index = 0
        model.visitParameters { _, p in
            if velocity.count == index { velocity.append([Float](repeating: 0, count: p.value.count)) }
            for i in p.value.storage.indices {
                velocity[index][i] = momentum * velocity[index][i] + p.gradient.storage[i]
                p.value.storage[i] -= learningRate * velocity[index][i]
            }
            index += 1
        }
    }
}
