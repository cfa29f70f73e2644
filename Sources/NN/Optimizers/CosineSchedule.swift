#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Cosine learning-rate decay without restarts (Loshchilov & Hutter, 2017, "SGDR"), one value
/// per epoch, from the initial rate at epoch 1 towards 0 after the last:
/// ```
/// lr(e) = lr₀ · (1 + cos(π · (e − 1) / E)) / 2,   e = 1…E
/// ```
public struct CosineSchedule: Sendable, Hashable {
    /// lr₀.
    public let initialRate: Float
    /// E, the epochs the schedule spans.
    public let epochs: Int

    /// - Precondition: `initialRate > 0`, `epochs ≥ 1`.
    public init(initialRate: Float, epochs: Int) {
        precondition(initialRate > 0 && epochs >= 1, "CosineSchedule: rate \(initialRate), epochs \(epochs)")
        self.initialRate = initialRate
        self.epochs = epochs
    }

    /// The rate of epoch `epoch` (1-based).
    /// - Precondition: `1 ≤ epoch ≤ epochs`.
    public func rate(epoch: Int) -> Float {
        precondition((1...epochs).contains(epoch), "CosineSchedule: epoch \(epoch) outside 1...\(epochs)")
        return initialRate * Float((1 + cos(Double.pi * Double(epoch - 1) / Double(epochs))) / 2)
    }
}
