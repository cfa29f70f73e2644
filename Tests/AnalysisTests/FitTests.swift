import Testing
@testable import Analysis

@Suite struct FitTests {
    @Test func exactLine() throws {
        let fit = try #require(LinearFit(x: [0, 1, 2], y: [1, 3, 5]))
        #expect(fit.slope == 2 && fit.intercept == 1 && fit.rSquared == 1)
        #expect(fit.predict(10) == 21)
    }

    /// (1,1), (2,3), (3,2): x̄ = ȳ = 2, Sxy = 1, Sxx = 2 → slope ½, intercept 1;
    /// residuals −½, 1, −½ → SSR = 1.5, SST = 2 → R² = ¼.
    @Test func noisyLineByHand() throws {
        let fit = try #require(LinearFit(x: [1, 2, 3], y: [1, 3, 2]))
        #expect(abs(fit.slope - 0.5) < 1e-15)
        #expect(abs(fit.intercept - 1) < 1e-15)
        #expect(abs(fit.rSquared - 0.25) < 1e-15)
    }

    @Test func degenerateInputsGiveNil() {
        #expect(LinearFit(x: [1], y: [2]) == nil, "one point")
        #expect(LinearFit(x: [2, 2], y: [1, 3]) == nil, "vertical")
        #expect(PowerLawFit(x: [1, 2], y: [0, 1]) == nil, "zero has no logarithm")
    }

    /// y = 3x² sampled at 1, 10, 100, 1000: exponent 2, prefactor 3, R² 1, up to the rounding of log/exp.
    @Test func powerLaw() throws {
        let x: [Double] = [1, 10, 100, 1000]
        let fit = try #require(PowerLawFit(x: x, y: x.map { 3 * $0 * $0 }))
        #expect(abs(fit.exponent - 2) < 1e-12)
        #expect(abs(fit.prefactor - 3) < 1e-11)
        #expect(abs(fit.rSquared - 1) < 1e-12)
        #expect(abs(fit.predict(50) - 7500) < 1e-7)
    }
}
