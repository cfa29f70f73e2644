import Foundation
import Testing
@testable import Records

@Suite struct RecordFormatTests {
    static let records: [TrialRecord] = [
        TrialRecord(
            parameters: ["format": "int8", "size": 64, "alpha": 1.0, "fused": true, "note": "a, \"quoted\"\nline é"],
            measurements: [
                "time": .timing(0.52, unit: "ms"), "error": Measurement(1e-7),
                "bandwidth": Measurement(31.5, unit: "GB/s"), "overflow": Measurement(.infinity),
                "bad": Measurement(.nan),
            ]),
        TrialRecord(parameters: ["format": "fp32", "size": 128], measurements: ["time": .timing(2, unit: "ms")]),
    ]

    @Test func canonicalLine() {
        let line = TrialRecord(parameters: ["b": 2, "a": 1.0], measurements: ["t": .timing(0.5, unit: "ms")]).jsonLine
        #expect(line == #"{"measurements":{"t":{"timing":true,"unit":"ms","value":0.5}},"parameters":{"a":1.0,"b":2}}"#)
    }

    @Test func jsonlRoundTripKeepsKindsAndNonFiniteValues() throws {
        let text = TrialsJSONL.text(of: Self.records)
        let back = try TrialsJSONL.records(from: text, source: "trials.jsonl")
        #expect(back == Self.records)
        #expect(back[0].parameters["alpha"] == .double(1.0), "1.0 stays a double")
        #expect(TrialsJSONL.text(of: back) == text, "rewriting gives the same bytes")
    }

    @Test func jsonlErrorNamesFileAndLine() {
        #expect(throws: ResultsError.malformed(path: "x/trials.jsonl", detail: "line 2: invalid JSON at byte 1: expected a key")) {
            try TrialsJSONL.records(from: Self.records[1].jsonLine + "\n{,}\n", source: "x/trials.jsonl")
        }
    }

    @Test func csvIsTidyWithUnitsInHeaders() {
        let rows = TrialsCSV.rows(of: TrialsCSV.text(of: Self.records))
        #expect(rows[0] == ["alpha", "format", "fused", "note", "size", "bad", "bandwidth_GB_per_s", "error", "overflow", "time_ms"])
        #expect(rows[1] == ["1.0", "int8", "true", "a, \"quoted\"\nline é", "64", "nan", "31.5", "1e-07", "inf", "0.52"])
        #expect(rows[2] == ["", "fp32", "", "", "128", "", "", "", "", "2.0"], "missing values are empty cells")
        #expect(rows.count == 3)
    }

    @Test func jsonParserEdgeCases() throws {
        #expect(try JSONValue(parsing: #" {"a" : [1, -2.5e3, true, null, "\u00e9\ud83d\ude00\n"]} "#)
            == .object(["a": .array([.int(1), .double(-2500), .bool(true), .null, .string("é😀\n")])]))
        for bad in ["", "[1,]", "{\"a\" 1}", "tru", "\"open", "1 2"] {
            #expect(throws: JSONSyntaxError.self, "input: \(bad)") { try JSONValue(parsing: bad) }
        }
    }
}
