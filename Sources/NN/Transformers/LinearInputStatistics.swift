import Tensor

/// What calibration learns about one linear layer's input over a set of batches (real tokens
/// only, as the padding rows are never used):
///
/// ```
/// columnMax[j] = max over tokens |x[t, j]|     (SmoothQuant's a_j, LLM.int8's outlier test)
/// lower, upper = min and max over all values   (min-max calibration)
/// sample       = every k-th value, k chosen so that at most `sampleLimit` are kept
///                (percentile and MSE calibration on a bounded sample)
/// ```
public struct LinearInputStatistics: Sendable {
    /// max |x| per input feature.
    public internal(set) var columnMax: [Float]
    /// The smallest and largest value.
    public internal(set) var lower: Float = .infinity, upper: Float = -.infinity
    /// A strided sample of the values.
    public internal(set) var sample: [Float] = []
    /// Tokens seen.
    public internal(set) var tokens = 0

    /// Empty statistics of a `features`-wide input.
    public init(features: Int) {
        columnMax = [Float](repeating: 0, count: features)
    }

    /// Adds the real-token rows of `x` (`[rows, features]`), keeping every `stride`-th value.
    mutating func add(_ x: Tensor, rows keep: [Bool], stride: Int) {
        let width = columnMax.count
        var counter = sample.count * stride
        for r in 0..<(x.count / width) where keep[r] {
            tokens += 1
            for j in 0..<width {
                let v = x.storage[r * width + j]
                columnMax[j] = max(columnMax[j], abs(v))
                lower = min(lower, v)
                upper = max(upper, v)
                if counter % stride == 0 { sample.append(v) }
                counter += 1
            }
        }
    }
}

extension BertEncoder {
    /// The input statistics of every linear layer over `batches` (FP32 inference).
    /// - Parameter sampleStride: keep every this-many-th value in `sample`; a prime that divides
    ///   no layer width (384, 1536), so that every column is sampled (a stride of 16 would keep
    ///   the same 24 of 384 columns in every row and miss the outlier dimensions).
    public func linearInputStatistics(_ batches: [TokenBatch], sampleStride: Int = 17) -> [BertLinearSite: LinearInputStatistics] {
        recordLinearInputs(batches, start: { LinearInputStatistics(features: $0.inputs) }) { statistics, x, rows in
            statistics.add(x, rows: rows, stride: sampleStride)
        }
    }
}
