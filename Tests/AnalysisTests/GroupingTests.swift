import Testing
import Records
@testable import Analysis

@Suite struct GroupingTests {
    private func record(_ format: String, _ size: Int, _ time: Double) -> TrialRecord {
        TrialRecord(parameters: ["format": .string(format), "size": .int(size)], measurements: ["time": .timing(time, unit: "ms")])
    }

    @Test func groupsAreOrderedByValueAndKeepRecordOrder() {
        let records = [record("int8", 100, 1), record("fp32", 20, 2), record("int8", 100, 3), record("int8", 9, 4)]
        let groups = records.grouped(by: ["format", "size"])
        #expect(groups.map { "\($0["format"]!)/\($0["size"]!)" } == ["fp32/20", "int8/9", "int8/100"], "numeric, not text, order of sizes")
        #expect(groups[2].values(of: "time") == [1, 3])
        #expect(records.grouped(by: []).count == 1)
    }

    @Test func matchingAndValues() {
        let records = [record("int8", 1, 1), record("fp32", 1, 2)]
        #expect(records.matching(["format": "fp32"]).values(of: "time") == [2])
        #expect(records.values(of: "missing").isEmpty)
    }
}
