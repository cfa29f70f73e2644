import Testing
@testable import Analysis

/// The sample 2, 4, 4, 4, 5, 5, 7, 9 worked by hand: mean 5, squared deviations
/// 9+1+1+1+0+0+4+16 = 32, s = √(32/7) = 2.1380899353, median (4+5)/2 = 4.5.
private let sample: [Double] = [9, 4, 2, 5, 4, 7, 4, 5]

@Suite struct StatisticsTests {
    @Test func meanAndStandardDeviationByHand() {
        #expect(sample.mean() == 5)
        #expect(abs(sample.standardDeviation() - 2.138089935299395) < 1e-12)
        #expect([3.0].standardDeviation().isNaN, "one value has no spread")
        #expect([1.0, 1, 1].standardDeviation() == 0)
    }

    @Test func medianOddAndEven() {
        #expect(sample.median() == 4.5)
        #expect([3.0, 1, 2].median() == 2)
        #expect([1.0, 2, 3, 4].median() == 2.5)
        #expect([7.0].median() == 7)
    }

    /// Type 7: h = (n − 1)p, then linear interpolation between x₍⌊h⌋₎ and x₍⌊h⌋+1₎.
    @Test(arguments: [
        (0.0, 2.0),  // minimum
        (0.1, 3.4),  // h = 0.7: 2 + 0.7·(4 − 2)
        (0.25, 4.0),  // h = 1.75: 4 + 0.75·(4 − 4)
        (0.9, 7.6),  // h = 6.3: 7 + 0.3·(9 − 7)
        (1.0, 9.0),  // maximum
    ])
    func quantileType7(p: Double, expected: Double) {
        #expect(abs(sample.quantile(p) - expected) < 1e-12, "p = \(p)")
    }

    @Test func nanPropagates() {
        let withNaN: [Double] = [1, .nan, 3]
        #expect(withNaN.mean().isNaN)
        #expect(withNaN.median().isNaN)
        #expect(withNaN.quantile(0).isNaN)
        #expect(Summary(withNaN).maximum.isNaN)
    }

    @Test func summaryOfSample() {
        let s = Summary(sample)
        #expect(s.count == 8)
        #expect(s.minimum == 2 && s.maximum == 9)
        #expect(s.lowerQuartile == 4 && s.median == 4.5)
        #expect(abs(s.upperQuartile - 5.5) < 1e-12)  // h = 5.25: 5 + 0.25·(7 − 5)
        #expect(abs(s.interquartileRange - 1.5) < 1e-12)
    }

    @Test func genericOverFloat() {
        let f: [Float] = [1, 2, 3, 4]
        #expect(f.median() == 2.5)
        #expect(f.mean() == 2.5)
    }
}
