import NN
import Tensor
import Testing
@testable import Experiments

/// The linreg building blocks on inputs whose answers are worked out by hand.
@Suite("linreg pieces")
struct LinregPiecesTests {
    @Test("FP16 accumulation stagnates at 2048 + 1; FP32 accumulation does not")
    func accumulation() {
        // 2049 lies halfway between the FP16 neighbours 2048 and 2050 (spacing 2 in [2048, 4096));
        // ties go to the even mantissa, 2048.
        var pure: [Float] = [2048]
        RoundedArithmetic<Float>(.fp16).accumulateProduct(&pure, [1][...], 1)
        #expect(pure == [2048])
        var wide: [Float] = [2048]
        RoundedArithmetic<Float>(.fp16Accumulate32).accumulateProduct(&wide, [1][...], 1)
        #expect(wide == [2049])
        // BF16 keeps 8 significant bits: 256 + 1 is a tie between 256 and 258 and rounds to 256.
        var bf16: [Float] = [256]
        RoundedArithmetic<Float>(.bf16).accumulateProduct(&bf16, [1][...], 1)
        #expect(bf16 == [256])
    }

    @Test("arithmetic labels: only the 16-bit formats are emulated")
    func labels() {
        #expect(FittingArithmetic.allCases.filter(\.isEmulated) == [.bf16, .fp16, .bf16Accumulate32, .fp16Accumulate32])
        #expect(FittingArithmetic.fp16Accumulate32.accumulatorFormat == nil)
        #expect(FittingArithmetic.fp16.accumulatorFormat == .fp16)
    }

    @Test("normal equations and gradient descent in FP64 on an orthogonal design")
    func solvers() throws {
        // X = 2·I (4 × 2 with two zero rows): XᵀX = 4·I, so w = Xᵀy / 4 exactly, and gradient
        // descent with η = 1/σ_max² = 1/4 reaches it in one step.
        let x: [Double] = [2, 0, 0, 2, 0, 0, 0, 0]
        let y: [Double] = [1, -3, 0.5, 0.25]
        let solver = RoundedLeastSquares(x: x, y: y, rows: 4, cols: 2, arithmetic: .native)
        #expect(try #require(solver.normalEquations()) == [0.5, -1.5])
        #expect(solver.gradientDescent(iterations: 1, learningRate: 0.25) == [0.5, -1.5])
    }

    @Test("Householder QR in FP64 fits a line through three points by hand")
    func householder() {
        // Points (1, 1), (2, 2), (3, 2) with an intercept column: slope 1/2, intercept 2/3.
        let x: [Double] = [1, 1, 1, 2, 1, 3]
        let solver = RoundedLeastSquares(x: x, y: [1, 2, 2], rows: 3, cols: 2, arithmetic: .native)
        let (w, r) = solver.householderQR()
        #expect(abs(w[0] - 2.0 / 3) < 1e-15 && abs(w[1] - 0.5) < 1e-15, "\(w)")
        // RᵀR = XᵀX = [[3, 6], [6, 14]] up to signs of R's rows.
        #expect(abs(r[0] * r[0] - 3) < 1e-14 && abs(r[0] * r[1] - 6) < 1e-14 && abs(r[1] * r[1] + r[3] * r[3] - 14) < 1e-13)
        #expect(r[2] == 0)
    }

    @Test("refinement with FP32 residuals takes an FP16 QR solution to FP32 accuracy at κ = 10")
    func refinement() throws {
        var rng = SeededGenerator(seed: 5)
        let problem = try SyntheticRegression(trainCount: 64, testCount: 8, features: 4, kappa: 10, noise: 0.01, using: &rng)
        let (x, y) = problem.train
        let reference = try x.leastSquares(y)
        let wideX = x.storage.map(Float.init), wideY = y.map(Float.init)
        let fp16 = RoundedLeastSquares(x: wideX, y: wideY, rows: x.rows, cols: x.cols, arithmetic: RoundedArithmetic<Float>(.fp16))
        let qr = fp16.householderQR()
        let refined = fp16.iterativeRefinement(from: qr, wideX: wideX, wideY: wideY, steps: 10)
        let qrError = RegressionMetrics.relativeError(qr.w.map(Double.init), reference: reference)
        let refinedError = RegressionMetrics.relativeError(refined.map(Double.init), reference: reference)
        // FP16's unit roundoff is 2⁻¹¹ ≈ 4.9e-4: QR alone stays near it; refinement contracts by
        // about u·κ² = 0.05 per step, down to FP32's rounding of the data (≈ 1e-6 here).
        #expect(qrError > 1e-4 && qrError < 1e-2, "FP16 QR error \(qrError)")
        #expect(refinedError < 1e-5, "refined error \(refinedError)")
    }

    @Test("input clipping bounds: LSQ's ±Qp·s, STE's grid ends, one per feature")
    func clippingBounds() {
        // LSQ at 3 bits: Qp = 3, step 0.5 → ±1.5.
        #expect(InputClipping.bounds(LSQFakeQuantizer(bits: 3, step: 0.5), features: 2) == [-1.5...1.5, -1.5...1.5])
        // STE symmetric 3 bits after observing [−1, 2]: scale 2/3, codes ±3 → ±2 (to FP32 rounding).
        var ste = STEFakeQuantizer(bits: 3, rangeSource: .observed(averagingConstant: 0.5))
        #expect(InputClipping.bounds(ste, features: 1) == nil, "not calibrated yet")
        _ = ste.forward(Tensor(shape: [2, 1], storage: [-1, 2]))
        let b = InputClipping.bounds(ste, features: 1)?.first
        #expect(b.map { abs($0.lowerBound + 2) < 1e-6 && abs($0.upperBound - 2) < 1e-6 } == true, "\(String(describing: b))")
        // Per feature: each column its own range.
        var perFeature = PerFeatureFakeQuantizer(features: 2, STEFakeQuantizer(bits: 3, rangeSource: .observed(averagingConstant: 0.5)))
        _ = perFeature.forward(Tensor(shape: [2, 2], storage: [-1, 30, 3, -6]))
        let bounds = InputClipping.bounds(perFeature, features: 2)
        #expect(bounds.map { abs($0[0].upperBound - 3) < 1e-5 && abs($0[1].upperBound - 30) < 1e-4 } == true, "\(String(describing: bounds))")
    }

    @Test("a Gram matrix rounded to lose definiteness is a failure, not a crash")
    func choleskyFailure() {
        // Columns 1 and 1 + 2⁻¹²: BF16 rounds both to 1, so XᵀX is singular after rounding.
        let x: [Float] = [1, 1 + 0x1p-12, 1, 1 - 0x1p-12]
        let solver = RoundedLeastSquares(x: x, y: [1, 1], rows: 2, cols: 2, arithmetic: RoundedArithmetic<Float>(.bf16))
        #expect(solver.normalEquations() == nil)
    }

    @Test("least squares with an intercept recovers y = 2x + 3")
    func leastSquares() throws {
        let x = Matrix64([[0], [1], [2], [5]])
        let model = try LinearModel.leastSquares(x, [3, 5, 7, 13])
        #expect(abs(model.weights[0] - 2) < 1e-12 && abs(model.bias - 3) < 1e-12)
        #expect(model.predict(Matrix64([[10]])).map { ($0 - 23).magnitude < 1e-11 } == [true])
    }

    @Test("RMSE, R² and relative error by hand")
    func metrics() {
        // Residuals 1, −1, 1, −1: RMSE 1. Targets 0, 2, 4, 6: mean 3, Σ(y − ȳ)² = 20, R² = 1 − 4/20.
        let target: [Double] = [0, 2, 4, 6], prediction: [Double] = [1, 1, 5, 5]
        #expect(RegressionMetrics.rmse(prediction, target) == 1)
        #expect(abs(RegressionMetrics.rSquared(prediction, target) - 0.8) < 1e-15)
        #expect(RegressionMetrics.relativeError([3, 4], reference: [0, 5]) == (9.0 + 1).squareRoot() / 5)
    }
}
