import Testing
@testable import Analysis

@Suite struct StudentTTests {
    /// Published two-sided 95 % and 99 % critical values (any t table; scipy.stats.t.ppf agrees
    /// to the digits given). The tolerance is the rounding of the table's last digit.
    @Test(arguments: [
        (0.975, 1.0, 12.70620474),
        (0.975, 7.0, 2.36462425),
        (0.975, 10.0, 2.22813885),
        (0.975, 30.0, 2.04227246),
        (0.975, 1e6, 1.95996636),
        (0.995, 5.0, 4.03214298),
    ])
    func knownQuantiles(p: Double, nu: Double, expected: Double) {
        #expect(abs(StudentT.quantile(p, degreesOfFreedom: nu) - expected) < 1e-7, "t(\(p), \(nu))")
        #expect(abs(StudentT.quantile(1 - p, degreesOfFreedom: nu) + expected) < 1e-7, "symmetry at \(nu)")
    }

    /// Closed forms: ν = 1 is the Cauchy distribution, F(t) = ½ + atan(t)/π, so F(1) = ¾;
    /// ν = 2 has F(t) = ½ + t / (2√(2 + t²)), so F(1) = ½ + 1/(2√3).
    @Test func closedFormCDFs() {
        #expect(abs(StudentT.cdf(1, degreesOfFreedom: 1) - 0.75) < 1e-13)
        #expect(abs(StudentT.cdf(1, degreesOfFreedom: 2) - (0.5 + 1 / (2 * 3.0.squareRoot()))) < 1e-13)
        #expect(StudentT.cdf(0, degreesOfFreedom: 4) == 0.5)
        #expect(StudentT.quantile(0.5, degreesOfFreedom: 3) == 0)
    }

    @Test(arguments: [1.0, 2.5, 9.0, 40.0])
    func quantileInvertsCDF(nu: Double) {
        for p in [0.01, 0.2, 0.6, 0.9, 0.999] {
            let t = StudentT.quantile(p, degreesOfFreedom: nu)
            #expect(abs(StudentT.cdf(t, degreesOfFreedom: nu) - p) < 1e-12, "p = \(p), ν = \(nu)")
        }
    }
}
