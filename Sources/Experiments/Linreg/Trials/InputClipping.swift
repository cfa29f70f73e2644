import NN
import QuantCore

/// Where a model's input quantizer saturates, per feature: the interval outside which every
/// input is clipped to the grid's end. It lets the QAT trials separate the two things an input
/// quantizer does, rounding to the grid and clipping to its range.
/// ```
/// STE (affine grid, observed range r):  [(q_min − z)·s, (q_max − z)·s],  (s, z) = parameters(r)
/// LSQ (learned step s):                 [−Q_p·s, Q_p·s]
/// ```
enum InputClipping {
    /// The clipping interval of each of `features` features; `nil` for a quantizer kind this
    /// does not know or one not yet calibrated.
    static func bounds(_ quantizer: any FakeQuantizer, features: Int) -> [ClosedRange<Float>]? {
        switch quantizer {
        case let q as PerFeatureFakeQuantizer<STEFakeQuantizer>:
            let b = q.quantizers.compactMap(bound)
            return b.count == features ? b : nil
        case let q as PerFeatureFakeQuantizer<LSQFakeQuantizer>:
            return q.quantizers.count == features ? q.quantizers.map(bound) : nil
        case let q as STEFakeQuantizer:
            return bound(q).map { Array(repeating: $0, count: features) }
        case let q as LSQFakeQuantizer:
            return Array(repeating: bound(q), count: features)
        default:
            return nil
        }
    }

    private static func bound(_ q: STEFakeQuantizer) -> ClosedRange<Float>? {
        guard let range = q.observer?.range else { return nil }
        let p = q.quantizer.parameters(for: range)
        let z = Float(p.zeroPoint)
        return ((Float(q.quantizer.minCode) - z) * p.scale)...((Float(q.quantizer.maxCode) - z) * p.scale)
    }

    private static func bound(_ q: LSQFakeQuantizer) -> ClosedRange<Float> {
        let m = q.maxCode * q.step.value.storage[0]
        return -m...m
    }
}
