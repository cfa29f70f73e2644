import Testing
import Records
@testable import Analysis
import Tensor

@Suite struct IntervalTests {
    /// 2, 4, 4, 4, 5, 5, 7, 9: x̄ = 5, s = √(32/7), n = 8, t(0.975, 7) = 2.364624252,
    /// half-width = 2.364624252 · 2.1380899353 / √8 = 1.7874879185.
    @Test func tIntervalByHand() {
        let ci = [2.0, 4, 4, 4, 5, 5, 7, 9].meanConfidenceInterval()
        #expect(ci.estimate == 5)
        #expect(abs(ci.halfWidth - 1.7874879185) < 1e-8)
        #expect(abs(ci.lower - (5 - 1.7874879185)) < 1e-8)
        #expect(ci.method == .studentT && ci.level == 0.95)
        let one = [3.0].meanConfidenceInterval()
        #expect(one.lower == -.infinity && one.upper == .infinity, "one value: spread unknown")
    }

    /// For the sample {0, 0, 1, 1, 1} a resample's median is 1 when at least three of its five
    /// draws are 1 (p = 0.683), else 0: with 2000 resamples the 2.5 % and 97.5 % points are 0
    /// and 1 unless fewer than 50 resamples take either value, which has probability below 1e-9.
    @Test func bootstrapMedianOfTwoLevels() {
        let ci = [0.0, 0, 1, 1, 1].medianConfidenceInterval()
        #expect(ci.estimate == 1)
        #expect(ci.lower == 0 && ci.upper == 1)
        #expect(ci.method == .bootstrapPercentile(resamples: 2000))
    }

    /// Fewer than five values give an estimate without endpoints: two repeats do not make an
    /// interval (issue 14: n = 10 000 was timed twice and printed one).
    @Test func noBootstrapIntervalBelowFiveValues() {
        for n in 1..<Bootstrap.minimumSample {
            let values = (0..<n).map(Double.init)
            let ci = values.medianConfidenceInterval()
            #expect(ci.estimate == values.median() && !ci.hasInterval, "\(n) values")
            let r = RatioInterval.ofMedians(values.map { $0 + 1 }, over: Array(repeating: 2.0, count: 9))
            #expect(!r.hasInterval, "ratio with \(n) numerator values")
            #expect(!RatioInterval.ofMedians(Array(repeating: 2.0, count: 9), over: values.map { $0 + 1 }).hasInterval)
        }
        #expect([1.0, 2, 3, 4, 5].medianConfidenceInterval().hasInterval)
        #expect(RatioInterval.ofMedians([1.0, 2, 3, 4, 5], over: [1.0, 2, 3, 4, 5]).hasInterval)
    }

    @Test func bootstrapIsDeterministicAndSeedDependent() {
        let values = (0..<30).map { Double(($0 * 37) % 11) }
        let a = values.medianConfidenceInterval(seed: 1)
        #expect(a == values.medianConfidenceInterval(seed: 1), "same seed, same interval")
        #expect(a.lower <= a.estimate && a.estimate <= a.upper)
        let constant = [4.0, 4, 4, 4, 4].medianConfidenceInterval()
        #expect(constant.lower == 4 && constant.upper == 4, "no spread, no width")
    }

    /// The counting path of `medianConfidenceInterval` gives the generic bootstrap's interval
    /// bit for bit: odd and even counts, ties, one value, negative values.
    @Test func medianIntervalEqualsTheGenericBootstrap() {
        var g = SeededGenerator(seed: 3)
        let samples: [[Double]] = [[5, 5, 5, 5, 5], [2, -1, 3, 0, 1], [1, 1, 1, 2, 2], (0..<7).map { _ in g.nextNormal() }, (0..<20).map { _ in Double(g.nextIndex(below: 4)) },
                                   (0..<33).map { _ in -g.nextUnit() }]
        for values in samples {
            var rng = SeededGenerator(seed: 11)
            let generic = Bootstrap.interval(of: values, resamples: 500, using: &rng) { $0.median() }
            let fast = values.medianConfidenceInterval(resamples: 500, seed: 11)
            #expect(fast == generic, "\(values)")
        }
    }

    @Test func ratioOfMedians() {
        let exact = RatioInterval.ofMedians([2, 2, 2, 2, 2], over: [1, 1, 1, 1, 1])
        #expect(exact.estimate == 2 && exact.lower == 2 && exact.upper == 2)
        let r = RatioInterval.ofMedians([1, 2, 3, 2, 2], over: [2, 4, 6, 4, 4])
        #expect(r.estimate == 0.5)
        // Every resampled median of a lies in 1...3 and of b in 2...6: ratios lie in 1/6...3/2.
        #expect(r.lower >= 1.0 / 6 && r.upper <= 1.5 && r.lower <= r.upper)
    }

    @Test func baselineComparisonGivesSpeedups() throws {
        var records: [TrialRecord] = []
        for (format, time) in [("fp32", 4.0), ("int8", 1.0), ("bf16", 2.0)] {
            for _ in 0..<3 {
                records.append(TrialRecord(parameters: [TestParameter.format: .string(format)], measurements: [TestMetric.time: .timing(time, unit: "ms")]))
            }
        }
        let speedups = try BaselineComparison(
            records, parameter: TestParameter.format, baseline: "fp32", measurement: TestMetric.time, invert: true)
        #expect(speedups.entries.map(\.label) == ["bf16", "fp32", "int8"])
        #expect(speedups["int8"]?.ratio.estimate == 4)
        #expect(speedups["bf16"]?.ratio.estimate == 2)
        #expect(speedups["fp32"]?.ratio.estimate == 1)
        #expect(throws: AnalysisError.missingBaseline(parameter: "format", value: "fp8", measurement: "time")) {
            try BaselineComparison(records, parameter: TestParameter.format, baseline: "fp8", measurement: TestMetric.time)
        }
    }
}
