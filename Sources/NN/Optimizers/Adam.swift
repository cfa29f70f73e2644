#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Adam (Kingma & Ba, 2015, "Adam: A Method for Stochastic Optimization", algorithm 1):
/// ```
/// t ← t + 1
/// m ← β₁ m + (1 − β₁) g,      v ← β₂ v + (1 − β₂) g²
/// m̂ = m / (1 − β₁ᵗ),          v̂ = v / (1 − β₂ᵗ)
/// θ ← θ − η · m̂ / (√v̂ + ε)
/// ```
/// Moments start at 0; the bias corrections are computed in FP64.
///
/// With `weightDecay` λ > 0 this is AdamW (Loshchilov & Hutter 2019, "Decoupled Weight Decay
/// Regularization"; PyTorch's `AdamW`): before the update above, `θ ← θ · (1 − η·λ)` for every
/// parameter of rank ≥ 2 (weight matrices and embeddings; biases and LayerNorm gains are not
/// decayed, as in GPT-2's and nanoGPT's training).
public struct Adam: Optimizer {
    /// η.
    public var learningRate: Float
    /// β₁, the decay of the first moment.
    public let beta1: Float
    /// β₂, the decay of the second moment.
    public let beta2: Float
    /// ε, added to √v̂ so that a zero moment does not divide by zero.
    public let epsilon: Float
    /// λ, the decoupled weight decay (0: plain Adam).
    public let weightDecay: Float
    /// Steps taken, t.
    public private(set) var stepCount = 0
    private var firstMoment: [[Float]] = []
    private var secondMoment: [[Float]] = []

    /// Defaults are the paper's: β₁ = 0.9, β₂ = 0.999, ε = 1e−8, no weight decay.
    /// - Precondition: `learningRate > 0`, β₁ and β₂ in [0, 1), `epsilon > 0`, `weightDecay ≥ 0`.
    public init(learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8, weightDecay: Float = 0) {
        precondition(learningRate > 0 && (0..<1).contains(beta1) && (0..<1).contains(beta2) && epsilon > 0 && weightDecay >= 0,
                     "Adam: learning rate \(learningRate), β₁ \(beta1), β₂ \(beta2), ε \(epsilon), weight decay \(weightDecay)")
        self.weightDecay = weightDecay
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    public mutating func step(_ model: inout some Layer) {
        step { model.visitParameters($0) }
    }

    /// One update of the parameters `visit` walks (in a fixed order, as `Layer.visitParameters`):
    /// for models that are not a `Layer`, such as `GPT`.
    public mutating func step(_ visit: ((String, inout Parameter) -> Void) -> Void) {
        stepCount += 1
        let c1 = Float(1 - pow(Double(beta1), Double(stepCount)))
        let c2 = Float(1 - pow(Double(beta2), Double(stepCount)))
        var index = 0
        visit { _, p in
            if weightDecay > 0, p.value.rank >= 2 {
                let keep = 1 - learningRate * weightDecay
                for i in p.value.storage.indices { p.value.storage[i] *= keep }
            }
            if firstMoment.count == index {
                firstMoment.append([Float](repeating: 0, count: p.value.count))
                secondMoment.append([Float](repeating: 0, count: p.value.count))
            }
            for i in p.value.storage.indices {
                let g = p.gradient.storage[i]
                firstMoment[index][i] = beta1 * firstMoment[index][i] + (1 - beta1) * g
                secondMoment[index][i] = beta2 * secondMoment[index][i] + (1 - beta2) * g * g
                let mHat = firstMoment[index][i] / c1
                let vHat = secondMoment[index][i] / c2
                p.value.storage[i] -= learningRate * mHat / (vHat.squareRoot() + epsilon)
            }
            index += 1
        }
    }
}
