import Testing
import Records
@testable import Analysis

@Suite struct GroupingTests {
    private func record(_ format: String, _ size: Int, _ time: Double) -> TrialRecord {
        TrialRecord(
            parameters: [TestParameter.format: .string(format), .size: .int(size)],
            measurements: [TestMetric.time: .timing(time, unit: "ms")])
    }

    @Test func groupsAreOrderedByValueAndKeepRecordOrder() {
        let records = [record("int8", 100, 1), record("fp32", 20, 2), record("int8", 100, 3), record("int8", 9, 4)]
        let groups = records.grouped(by: [TestParameter.format, .size])
        #expect(groups.map { "\($0[TestParameter.format]!)/\($0[TestParameter.size]!)" } == ["fp32/20", "int8/9", "int8/100"], "numeric, not text, order of sizes")
        #expect(groups[2].values(of: TestMetric.time) == [1, 3])
        #expect(records.grouped(by: [TestParameter]()).count == 1)
    }

    @Test func matchingAndValues() {
        let records = [record("int8", 1, 1), record("fp32", 1, 2)]
        #expect(records.matching([TestParameter.format: "fp32"]).values(of: TestMetric.time) == [2])
        #expect(records.values(of: TestMetric.missing).isEmpty)
    }
}
