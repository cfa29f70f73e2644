import Testing
import QuantCore
import Tensor
@testable import Experiments

/// The activation schemes for outliers on hand-worked values and on their defining properties.
@Suite("Matmul activation schemes")
struct ActivationSchemeTests {
    /// A 64 × 64 product with two outlier columns of A (×20), the error on all rows.
    static func inputs(_ distribution: MatmulDistribution = .channels) -> MatmulInputs {
        var rng = SeededGenerator(seed: 11)
        let o = MatmulOutliers(scatteredFraction: 0.001, scatteredScale: 50, channelFraction: 0.03, channelScale: 20)
        return MatmulInputs(size: 64, distribution: distribution, outliers: o, channelColumns: [5, 40], using: &rng)
    }

    static func trial(_ inputs: MatmulInputs) -> ActivationSchemeTrial {
        ActivationSchemeTrial(reference: GEMMErrorTrial(inputs: inputs, rows: nil, blocks: 4), calibration: inputs.a)
    }

    @Test("SmoothQuant factors: sⱼ = max|A:ⱼ|^α / max|Bⱼ:|^(1−α)")
    func smoothingFactors() {
        let a = Tensor(shape: [2, 2], storage: [1, -8, 4, 2])   // column maxima 4, 8
        let b = Tensor(shape: [2, 2], storage: [2, 1, -1, 0.5]) // row maxima 2, 1
        let half = ActivationSchemeTrial.smoothingFactors(a: a, b: b, alpha: 0.5)
        #expect(abs(half[0] - Float(2).squareRoot()) < 1e-6 && abs(half[1] - Float(8).squareRoot()) < 1e-6)  // √(4/2), √(8/1)
        #expect(ActivationSchemeTrial.smoothingFactors(a: a, b: b, alpha: 1) == [4, 8])
        #expect(ActivationSchemeTrial.smoothingFactors(a: a, b: b, alpha: 0) == [0.5, 1])
    }

    @Test("LLM.int8 keeps exactly the columns above the threshold")
    func llmInt8Columns() throws {
        let a = Tensor(shape: [2, 3], storage: [1, 7, -2, 0.5, 1, -6.5])
        #expect(ActivationSchemeTrial.columns(of: a, above: 6) == [1, 2])
        let inputs = Self.inputs()
        let outcome = try Self.trial(inputs).measure(.llmInt8(threshold: 6), inputs: inputs)
        #expect(outcome.keptColumnShare == 2.0 / 64, "columns 5 and 40 hold |x| ≈ 20σ, no normal draw exceeds 6")
        #expect(outcome.inlierError < 0.01)
    }

    @Test("Channel outliers: per-tensor INT8 loses most, LLM.int8 and SmoothQuant recover")
    func channelOutliers() throws {
        let inputs = Self.inputs()
        let trial = Self.trial(inputs)
        let perTensor = try trial.measure(.perTensor, inputs: inputs)
        let perToken = try trial.measure(.perToken, inputs: inputs)
        let llm = try trial.measure(.llmInt8(threshold: 6), inputs: inputs)
        let smooth = try trial.measure(.smoothQuant(alpha: 0.5), inputs: inputs)
        // Every row holds the outlier columns: a per-row scale cannot avoid them.
        #expect(perToken.inlierError > 0.5 * perTensor.inlierError)
        #expect(llm.metrics.relativeFrobenius < 0.5 * perToken.metrics.relativeFrobenius)
        #expect(smooth.metrics.relativeFrobenius < perToken.metrics.relativeFrobenius)
        #expect(perTensor.keptColumnShare == nil && smooth.keptColumnShare == nil)
    }

    @Test("Static min-max calibrated on A itself is dynamic per-tensor; clipping calibrations clip")
    func calibration() throws {
        let inputs = Self.inputs(.outliers)
        let trial = Self.trial(inputs)
        let dynamic = try trial.measure(.perTensor, inputs: inputs)
        let minMax = try trial.measure(.calibrated(.minMax), inputs: inputs)
        #expect(minMax.metrics == dynamic.metrics && minMax.inlierError == dynamic.inlierError)
        // A percentile below the outliers' share clips them and refines every other value.
        let clipped = try trial.measure(.calibrated(.percentile(99)), inputs: inputs)
        #expect(clipped.inlierError < dynamic.inlierError)
    }

    @Test("Inlier error counts only unmarked entries")
    func inlierError() {
        let a = Tensor(shape: [1, 3], storage: [3, 4, 100])
        let r = Tensor(shape: [1, 3], storage: [3, 4.5, 0])
        // Unmarked entries 3, 4 with errors 0, 0.5: 0.5 / 5.
        #expect(abs(ActivationSchemeTrial.inlierError(a, r, mask: [false, false, true]) - 0.1) < 1e-12)
    }
}
