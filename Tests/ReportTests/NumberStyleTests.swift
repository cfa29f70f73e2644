import Foundation
import Testing

@testable import Report

/// Expected texts are worked out by hand from the rules in `NumberStyle`'s documentation.
@Suite("NumberStyle")
struct NumberStyleTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var style: NumberStyle
        var value: Double
        var expected: String
        var testDescription: String { "\(style.quantity) \(value) → \(expected)" }
    }

    static let cases: [Case] = [
        // plain: 3 significant digits, scientific below 1e-3 and from 1e6
        Case(style: .plain, value: 0.000123, expected: "1.23e-4"),
        Case(style: .plain, value: 0.00123, expected: "0.00123"),
        Case(style: .plain, value: 0.001, expected: "0.00100"),
        Case(style: .plain, value: 1, expected: "1.00"),
        Case(style: .plain, value: 2.5, expected: "2.50"),
        // 9.995 is stored as 9.99499999…: correct rounding gives 9.99; just above the tie carries.
        Case(style: .plain, value: 9.995, expected: "9.99"),
        Case(style: .plain, value: 9.9951, expected: "10.0"),
        Case(style: .plain, value: 99.96, expected: "100"),
        Case(style: .plain, value: 12345.6, expected: "12,346"),
        Case(style: .plain, value: 123_456, expected: "123,456"),
        Case(style: .plain, value: 999_999, expected: "1.00e6"),
        Case(style: .plain, value: 2.5e6, expected: "2.50e6"),
        Case(style: .plain, value: -0.5, expected: "-0.500"),
        Case(style: .plain, value: -0.000123, expected: "-1.23e-4"),
        Case(style: .plain, value: 0, expected: "0"),
        Case(style: .plain, value: -0.0, expected: "0"),
        // 0.125 is exact: a tie at 2 digits rounds to even.
        Case(style: NumberStyle.plain.digits(2), value: 0.125, expected: "0.12"),
        Case(style: NumberStyle.plain.digits(5), value: 3.14159265, expected: "3.1416"),
        // counts
        Case(style: .count, value: 4096, expected: "4,096"),
        Case(style: .count, value: 999, expected: "999"),
        Case(style: .count, value: 1_234_567, expected: "1,234,567"),
        Case(style: .count, value: -4096, expected: "-4,096"),
        Case(style: .count, value: 2.5, expected: "2"),
        Case(style: .count, value: -0.4, expected: "0"),
        // ratio, percent, dB
        Case(style: .ratio, value: 3.5234, expected: "3.52×"),
        Case(style: .ratio, value: 0.5, expected: "0.500×"),
        Case(style: .ratio, value: 1234.5, expected: "1,234×"),
        Case(style: .ratio, value: -2, expected: "-2.00×"),
        Case(style: .percent, value: 0.123, expected: "12.3 %"),
        Case(style: .percent, value: 1, expected: "100 %"),
        Case(style: .percent, value: 0.0005, expected: "0.0500 %"),
        Case(style: .percent, value: -0.25, expected: "-25.0 %"),
        Case(style: .percent, value: 0, expected: "0 %"),
        Case(style: .decibels, value: -3.1, expected: "-3.10 dB"),
        Case(style: .decibels, value: 40.04, expected: "40.0 dB"),
        // durations, auto-scaled
        Case(style: .duration, value: 41.23, expected: "41.2 s"),
        Case(style: .duration, value: 0.00099996, expected: "1.00 ms"),
        Case(style: .duration, value: 0.000123, expected: "123 µs"),
        Case(style: .duration, value: 1.5e-8, expected: "15.0 ns"),
        Case(style: .duration, value: 1234.5, expected: "1,234 s"),
        Case(style: .duration, value: 1e-12, expected: "0.00100 ns"),
        Case(style: .duration, value: -0.002, expected: "-2.00 ms"),
        Case(style: .duration, value: 0, expected: "0 s"),
        Case(style: .seconds(in: .milli), value: 2.5, expected: "2,500 ms"),
        // bytes (decimal prefixes) and rates
        Case(style: .bytes, value: 14e9, expected: "14.0 GB"),
        Case(style: .bytes, value: 512, expected: "512 B"),
        Case(style: .bytes, value: 1536, expected: "1.54 kB"),
        Case(style: .bytes, value: 999.9, expected: "1.00 kB"),
        Case(style: .bytes, value: 4.125 / 8 * 7e9, expected: "3.61 GB"),
        Case(style: .bytes, value: 8.1e17, expected: "810 PB"),
        Case(style: .bytes(in: .giga), value: 140e9, expected: "140 GB"),
        Case(style: .bytesPerSecond(), value: 3.2e10, expected: "32.0 GB/s"),
        Case(style: .flopsPerSecond(), value: 4.43e11, expected: "443 GFLOP/s"),
        Case(style: .opsPerSecond(in: .tera), value: 1.88e12, expected: "1.88 TOP/s"),
        Case(style: .flopsPerSecond(in: nil), value: 2.24e14, expected: "224 TFLOP/s"),
        // bits per weight: 4 digits, zeros trimmed
        Case(style: .bitsPerWeight, value: 4.125, expected: "4.125 bits/weight"),
        Case(style: .bitsPerWeight, value: 16, expected: "16 bits/weight"),
        Case(style: .bitsPerWeight, value: 4.25, expected: "4.25 bits/weight"),
        Case(style: .bitsPerWeight, value: 4.1254, expected: "4.125 bits/weight"),
    ]

    @Test(arguments: cases)
    func formats(_ example: Case) throws {
        #expect(try example.style.format(example.value) == example.expected)
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func nonFiniteThrows(_ value: Double) {
        for style in [NumberStyle.plain, .count, .ratio, .percent, .duration, .bytes] {
            #expect(throws: ReportError.self, "\(style.quantity)") { try style.format(value) }
        }
    }

    @Test func fixedUnitsAndBareNumbers() throws {
        #expect(NumberStyle.seconds(in: .milli).fixedUnit == "ms")
        #expect(try NumberStyle.seconds(in: .milli).formatNumber(0.0123) == "12.3")
        #expect(NumberStyle.duration.fixedUnit == nil)
        #expect(NumberStyle.plain.fixedUnit == nil)
        #expect(NumberStyle.ratio.fixedUnit == "×")
        #expect(NumberStyle.percent.fixedUnit == "%")
        #expect(NumberStyle.bytesPerSecond().fixedUnit == "GB/s")
        #expect(try NumberStyle.percent.formatNumber(0.123) == "12.3")
    }

    @Test func utcDates() {
        #expect(UTCDate.minutes(Date(timeIntervalSince1970: 1_795_437_617)) == "2026-11-23 12:40 UTC")
        #expect(UTCDate.minutes(Date(timeIntervalSince1970: -60)) == "1969-12-31 23:59 UTC")
        #expect(UTCDate.minutes(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29 00:00 UTC")
        #expect(UTCDate.minutes(Date(timeIntervalSince1970: 0)) == "1970-01-01 00:00 UTC")
    }
}
