import Testing

@testable import Report

/// Expected texts worked out by hand from the rule in `NumberStyle+Interval.swift`:
/// decimals = max(0, 1 − ⌊log10 h⌋) for half-width h, capped at the style's decimals.
@Suite("Interval digits")
struct IntervalDigitsTests {
    @Test("A tiny estimate in a ±3 % interval prints to one decimal, unsigned zero")
    func tinyInWide() throws {
        // h = (2.9 − (−3.1)) / 2 = 3.0 points → ⌊log10 3⌋ = 0 → 1 decimal; −0.00672 rounds to −0.0 → 0.0.
        #expect(try NumberStyle.percent.formatInterval(-0.0000672, lower: -0.031, upper: 0.029) == "0.0 % [-3.1, 2.9]")
    }

    @Test("A narrow interval keeps the style's digits, no more")
    func narrow() throws {
        // h = 0.095 → 3 decimals from the interval; the style's 3 significant digits of 3.52 allow 2.
        #expect(try NumberStyle.ratio.formatInterval(3.5217, lower: 3.41, upper: 3.60) == "3.52× [3.41, 3.60]")
        #expect(try NumberStyle.ratio.formatInterval(3.5217, lower: 3.41, upper: 3.60, withUnit: false) == "3.52 [3.41, 3.60]")
    }

    @Test("A wide interval cuts digits: h = 12 gives integers")
    func wide() throws {
        // h = (20 − (−4)) / 2 = 12 → ⌊log10 12⌋ = 1 → 0 decimals.
        #expect(try NumberStyle.plain.formatInterval(7.654, lower: -4, upper: 20) == "8 [-4, 20]")
        // h = 0.5 → ⌊log10 0.5⌋ = −1 → 2 decimals from the interval; 3 significant digits of 31.2 allow 1.
        #expect(try NumberStyle.decibels.formatInterval(31.2468, lower: 30.8, upper: 31.8) == "31.2 dB [30.8, 31.8]")
    }

    @Test("A zero-width interval falls back to the style")
    func zeroWidth() throws {
        #expect(try NumberStyle.ratio.formatInterval(2, lower: 2, upper: 2) == "2.00× [2.00, 2.00]")
    }

    @Test("A table cell with an interval uses the rule and the column's unit in the header")
    func tableCell() throws {
        let table = Table(columns: [.init("Δ accuracy", style: .percent)], rows: [[.interval(-0.0000672, lower: -0.031, upper: 0.029)]])
        // The cell (15 characters) is wider than the header (14): the header is padded on the left.
        #expect(try table.markdown() == "|  Δ accuracy (%) |\n| --------------: |\n| 0.0 [-3.1, 2.9] |")
    }

    @Test("NaN in an interval is an error")
    func nonFinite() {
        #expect(throws: ReportError.self) { try NumberStyle.percent.formatInterval(.nan, lower: 0, upper: 1) }
    }
}
