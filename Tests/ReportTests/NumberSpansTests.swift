import Testing

@testable import Report

/// Numbers keep their unit and interval on one line; words with digits, formulas and code are
/// left alone.
@Suite("Number spans")
struct NumberSpansTests {
    @Test func wrapsBreakableRuns() {
        #expect(NumberSpans.wrap("<p>takes 2.61 ms, error 9.5e-16 and 0.99 [0.984, 1.02] here</p>")
            == #"<p>takes <span class="nowrap">2.61 ms</span>, error <span class="nowrap">9.5e-16</span> and <span class="nowrap">0.99 [0.984, 1.02]</span> here</p>"#)
        #expect(NumberSpans.wrap("<td>3.52× [3.41, 3.60]</td>") == #"<td><span class="nowrap">3.52× [3.41, 3.60]</span></td>"#)
        #expect(NumberSpans.wrap("<p>12.3 % of 14.0 GB/s</p>") == #"<p><span class="nowrap">12.3 %</span> of <span class="nowrap">14.0 GB/s</span></p>"#)
    }

    @Test func leavesOthersAlone() {
        // No break inside: nothing to wrap. A digit inside a word is not a number.
        for text in ["<p>W4A8 and Q8_0 at 4,096 and 3.52×</p>", "<p>FP32 sgemm 16 bits wide</p>",
                     "<code>2.61 ms</code>", #"<math><mn>2.61</mn> ms</math>"#] {
            #expect(NumberSpans.wrap(text) == text, "\(text)")
        }
    }
}
