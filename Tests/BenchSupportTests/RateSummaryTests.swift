import BenchSupport
import Testing

@Suite("RateSummary: printed rates")
struct RateSummaryTests {
    @Test("median and interval, label padded")
    func withInterval() {
        let s = RateSummary(label: "ours FP32", median: 39.84, lower: 38.91, upper: 40.64, count: 7)
        #expect(s.line(width: 12) == "ours FP32   39.8 verses/s  [38.9, 40.6]")
    }

    @Test("NaN endpoints print the reason instead of an interval")
    func withoutInterval() {
        let s = RateSummary(label: "PyTorch INT8", median: 63.04, lower: .nan, upper: .nan, count: 3)
        #expect(s.line(width: 4) == "PyTorch INT8 63.0 verses/s  (no interval: 3 values)")
        #expect(RateSummary(label: "x", median: 1, lower: 1, upper: .nan, count: 1).line(width: 2).hasSuffix("(no interval: 1 value)"))
    }

    @Test("one decimal below 1,000, none above")
    func digits() {
        #expect(RateSummary.rate(26.46) == "26.5")
        #expect(RateSummary.rate(999.94) == "999.9")
        #expect(RateSummary.rate(1234.4) == "1234")
    }
}
