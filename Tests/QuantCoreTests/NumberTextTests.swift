import Testing
import QuantCore

/// Issue 16, case 7: `explain` says when the number overflowed or underflowed when parsed.
@Suite struct NumberTextTests {
    @Test(arguments: [
        ("1e999", Double.infinity, "1e999 overflows a double (largest 1.7976931348623157e+308); shown as +∞"),
        ("-1e999", -Double.infinity, "-1e999 overflows a double (largest 1.7976931348623157e+308); shown as -∞"),
        ("1e-400", 0, "1e-400 underflows a double (smallest 5e-324); shown as 0"),
        ("-0x1p-1100", -0.0, "-0x1p-1100 underflows a double (smallest 5e-324); shown as -0"),
    ])
    func lossIsNoticed(text: String, value: Double, notice: String) throws {
        let parsed = try #require(NumberText(text))
        #expect(parsed.value == value, "\(text)")
        #expect(parsed.notice == notice, "\(text)")
    }

    @Test(arguments: ["0.375", "0", "-0.0", "0e999", "inf", "-Infinity", "nan", "1e308", "4.9e-324", "0x1.8p-2"])
    func exactOrSpecialInputsHaveNoNotice(_ text: String) throws {
        #expect(try #require(NumberText(text)).notice == nil, "\(text)")
    }

    @Test func nonNumbersAreNil() {
        #expect(NumberText("abc") == nil && NumberText("") == nil)
    }
}
