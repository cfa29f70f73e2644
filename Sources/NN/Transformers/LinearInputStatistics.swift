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

/// Records a linear layer's inputs during inference: installed as its input quantizer, it passes
/// values through unchanged. A class, so the model's value copies share one record; one model
/// evaluates one batch at a time, so no two calls write at once.
final class LinearInputRecorder: FakeQuantizer, @unchecked Sendable {
    var statistics: LinearInputStatistics
    /// Which rows of the current batch are real tokens.
    var rows: [Bool] = []
    let stride: Int

    init(features: Int, stride: Int) {
        statistics = LinearInputStatistics(features: features)
        self.stride = stride
    }

    var bits: Int { 32 }
    var method: String { "record" }
    func forward(_ input: Tensor) -> Tensor { self(input) }
    func backward(_ outputGradient: Tensor) -> Tensor { outputGradient }
    func callAsFunction(_ input: Tensor) -> Tensor {
        statistics.add(input, rows: rows, stride: stride)
        return input
    }
    func visitParameters(_ body: (String, inout Parameter) -> Void) {}
}

extension BertEncoder {
    /// The input statistics of every linear layer over `batches` (FP32 inference).
    /// - Parameter sampleStride: keep every this-many-th value in `sample`; a prime that divides
    ///   no layer width (384, 1536), so that every column is sampled (a stride of 16 would keep
    ///   the same 24 of 384 columns in every row and miss the outlier dimensions).
    public func linearInputStatistics(_ batches: [TokenBatch], sampleStride: Int = 17) -> [BertLinearSite: LinearInputStatistics] {
        var recorders: [BertLinearSite: LinearInputRecorder] = [:]
        var model = self
        model.updateLinears { site, linear in
            let r = LinearInputRecorder(features: linear.inputs, stride: sampleStride)
            recorders[site] = r
            linear.inputQuantizer = r
        }
        for batch in batches {
            for r in recorders.values { r.rows = batch.mask }
            _ = model.hiddenStates(batch)
        }
        return recorders.mapValues(\.statistics)
    }
}
