import Testing
@testable import Records

/// Inputs found by `make fuzz` (the store target, Tests/Fuzz/store) that crashed the result
/// store's JSON parser, and their neighbours: each must now be a thrown `JSONSyntaxError`.
@Suite struct JSONFuzzRegressionTests {
    /// The fuzzer's input, minimized: a high surrogate followed by a `\u` escape that is not a low
    /// surrogate. `low - 0xDC00` underflowed (arithmetic overflow trap).
    @Test(arguments: [
        #""\ud83d\u0022""#,
        #"{"a":[1,-2.5,"\u0022e9\ud83d\u0022"]}"#,
        #""\ud800\u0041""#,
        #""\udbff\uffff""#,
        #""\ud800\ud800""#,
    ])
    func unpairedHighSurrogateIsAnError(_ text: String) {
        #expect(throws: JSONSyntaxError.self, "\(text)") { try JSONValue(parsing: text) }
    }

    @Test func pairedSurrogatesAndLoneLowSurrogates() throws {
        #expect(try JSONValue(parsing: #""\ud83d\ude00""#) == .string("😀"))
        #expect(try JSONValue(parsing: #""\udbff\udfff""#) == .string("\u{10FFFF}"))
        #expect(throws: JSONSyntaxError.self) { try JSONValue(parsing: #""\ude00""#) }
    }

    @Test func unicodeEscapeTakesExactlyFourHexDigits() {
        for bad in [#""\u+041""#, #""\u-041""#, #""\u 041""#, #""\u04""#] {
            #expect(throws: JSONSyntaxError.self, "\(bad)") { try JSONValue(parsing: bad) }
        }
    }

    /// 50,000 `[` overflowed the stack (one recursion per level); nesting now stops at 512.
    @Test func deepNestingIsAnErrorNotAStackOverflow() throws {
        let error = try #require(throws: JSONSyntaxError.self) {
            try JSONValue(parsing: String(repeating: "[", count: 50_000))
        }
        #expect(error.reason == "arrays and objects nested deeper than 512" && error.offset == 512)
        #expect(throws: JSONSyntaxError.self) { try JSONValue(parsing: String(repeating: #"{"a":"#, count: 1_000)) }
        #expect(throws: ResultsError.self) {
            try TrialsJSONL.records(from: String(repeating: "[", count: 50_000) + "\n", source: "trials.jsonl")
        }
        let deepest = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(try JSONValue(parsing: deepest) != .null, "512 levels still parse")
    }
}
