import Testing
import QuantCore

/// Known codes worked out by hand from the layouts (sign | exponent | mantissa).
@Suite struct FloatFormatKnownCodesTests {
    struct Known: Sendable, CustomTestStringConvertible {
        let format: FloatFormat
        let value: Double
        let code: UInt32
        /// What `code` decodes to: `value` when it is representable, else the value the
        /// rounding rule picked (worked out by hand next to each entry); NaN for a NaN code.
        let decodes: Double

        init(format: FloatFormat, value: Double, code: UInt32, decodes: Double? = nil) {
            self.format = format
            self.value = value
            self.code = code
            self.decodes = decodes ?? value
        }

        var testDescription: String { "\(format.name) \(value) = 0x\(String(code, radix: 16))" }
    }

    static let known: [Known] = [
        // 0.375 = 1.1₂ · 2⁻²: mantissa 1000…, stored exponent −2 + bias.
        Known(format: .fp32, value: 0.375, code: 0x3EC0_0000),  // 125 = 0b01111101
        Known(format: .fp16, value: 0.375, code: 0x3600),  // 13 = 0b01101, mantissa 1000000000
        Known(format: .bf16, value: 0.375, code: 0x3EC0),  // top half of the FP32 pattern
        Known(format: .e4m3, value: 0.375, code: 0x2C),  // 0 0101 100
        Known(format: .e5m2, value: 0.375, code: 0x36),  // 0 01101 10
        // Largest finite values.
        Known(format: .fp32, value: Double(Float.greatestFiniteMagnitude), code: 0x7F7F_FFFF),
        Known(format: .fp16, value: 65504, code: 0x7BFF),
        Known(format: .bf16, value: 0x1.FEp127, code: 0x7F7F),
        Known(format: .e4m3, value: 448, code: 0x7E),  // 0 1111 110: 1.75 · 2⁸
        Known(format: .e5m2, value: 57344, code: 0x7B),  // 0 11110 11: 1.75 · 2¹⁵
        // Smallest normals: exponent field 1.
        Known(format: .fp16, value: 0x1p-14, code: 0x0400),
        Known(format: .bf16, value: 0x1p-126, code: 0x0080),
        Known(format: .e4m3, value: 0x1p-6, code: 0x08),
        Known(format: .e5m2, value: 0x1p-14, code: 0x04),
        // Smallest subnormals: code 1 = 2^(1 − bias − m).
        Known(format: .fp32, value: 0x1p-149, code: 1),
        Known(format: .fp16, value: 0x1p-24, code: 1),
        Known(format: .bf16, value: 0x1p-133, code: 1),
        Known(format: .e4m3, value: 0x1p-9, code: 1),
        Known(format: .e5m2, value: 0x1p-16, code: 1),
        // Signed zeros and negatives.
        Known(format: .fp16, value: 0, code: 0),
        Known(format: .fp16, value: -0.0, code: 0x8000),
        Known(format: .e4m3, value: -0.0, code: 0x80),
        Known(format: .e4m3, value: -448, code: 0xFE),
        // Ties to even: 1 + 2⁻¹¹ lies halfway between 1 (even) and 1 + 2⁻¹⁰.
        Known(format: .fp16, value: 1 + 0x1p-11, code: 0x3C00, decodes: 1),
        Known(format: .fp16, value: 1 + 3 * 0x1p-11, code: 0x3C02, decodes: 1 + 0x1p-9),  // halfway 1+2⁻¹⁰ / 1+2⁻⁹: even is …10
        Known(format: .bf16, value: 1 + 0x1p-8, code: 0x3F80, decodes: 1),
        Known(format: .e4m3, value: 464, code: 0x7E, decodes: 448),  // halfway 448 (…110) / 480: even is 448
        Known(format: .e4m3, value: 0x1p-10, code: 0, decodes: 0),  // half the smallest subnormal: ties to 0
        Known(format: .e4m3, value: 3 * 0x1p-10, code: 2, decodes: 0x1p-8),  // halfway codes 1 and 2: even is 2
        // Overflow under each format's own rule.
        Known(format: .fp16, value: 65520, code: 0x7C00, decodes: .infinity),  // halfway 65504 / 65536: even is 65536 = ∞
        Known(format: .e5m2, value: 61440, code: 0x7C, decodes: .infinity),  // halfway 57344 / 65536: ∞
        Known(format: .e4m3, value: 480, code: 0x7F, decodes: .nan),  // beyond max in E4M3FN: NaN
        Known(format: .e4m3, value: .infinity, code: 0x7F, decodes: .nan),
        Known(format: .fp16, value: -.infinity, code: 0xFC00),
    ]

    @Test(arguments: known)
    func encodesAndDecodes(_ k: Known) {
        #expect(k.format.encode(k.value) == k.code, "\(k.testDescription)")
        let decoded = Double(k.format.decode(k.code))
        if k.decodes.isNaN {
            #expect(decoded.isNaN, "\(k.testDescription) decodes to \(decoded)")
        } else {
            // The whole value and its sign (±0 compare equal, so the sign is checked apart).
            #expect(decoded == k.decodes && decoded.sign == k.decodes.sign, "\(k.testDescription) decodes to \(decoded), want \(k.decodes)")
        }
    }

    @Test(arguments: FloatFormat.all)
    func nanStaysNaN(_ f: FloatFormat) {
        #expect(f.decode(f.encode(Double.nan)).isNaN)
        #expect(f.rounded(Float.nan).isNaN)
        #expect(f.encode(Double.nan) == f.nanCode)
    }

    @Test func canonicalNaNCodes() {
        #expect(FloatFormat.fp32.nanCode == 0x7FC0_0000)
        #expect(FloatFormat.fp16.nanCode == 0x7E00)
        #expect(FloatFormat.bf16.nanCode == 0x7FC0)
        #expect(FloatFormat.e4m3.nanCode == 0x7F)
        #expect(FloatFormat.e5m2.nanCode == 0x7E)
        #expect(FloatFormat.e4m3.infinityCode == nil)
    }

    @Test func saturatingEncodeClampsOverflowToMax() {
        #expect(FloatFormat.e4m3.encodeSaturating(1000) == 0x7E)
        #expect(FloatFormat.e4m3.encodeSaturating(-.infinity) == 0xFE)
        #expect(FloatFormat.fp16.encodeSaturating(1e6) == 0x7BFF)
        #expect(FloatFormat.e5m2.rounded(Float(1e9)) == 57344)
    }

    @Test func factsOfTheTable() {
        #expect(FloatFormat.e4m3.maxFinite == 448)
        #expect(FloatFormat.e5m2.maxFinite == 57344)
        #expect(FloatFormat.fp16.maxFinite == 65504)
        #expect(FloatFormat.e4m3.distinctFiniteValues == 253)  // 256 codes − 2 NaNs − duplicate zero
        #expect(FloatFormat.e5m2.distinctFiniteValues == 247)  // 256 − 2·4 (∞, 3 NaNs) − 1
        #expect(FloatFormat.fp16.distinctFiniteValues == 63487)
        #expect(FloatFormat.bf16.distinctFiniteValues == 65279)
        #expect(FloatFormat.fp32.epsilon == Double(Float.ulpOfOne))
        #expect(FloatFormat.fp32.minSubnormal == Double(Float.leastNonzeroMagnitude))
    }

    @Test func bitFieldsOfPointThreeSevenFive() {
        let f = FloatFormat.fp32.bitFields(of: FloatFormat.fp32.encode(0.375))
        #expect(f.spaced == "0 01111101 10000000000000000000000")
        #expect(f.storedExponent == 125 && f.bias == 127 && f.unbiasedExponent == -2)
        #expect(f.kind == .normal && f.value == 0.375)
        let sub = FloatFormat.e4m3.bitFields(of: 0x03)
        #expect(sub.kind == .subnormal && sub.unbiasedExponent == -6 && sub.value == 3 * 0x1p-9)
    }

    @Test func neighbours() {
        let one = FloatFormat.fp32.encode(1.0)
        #expect(FloatFormat.fp32.nextUp(one) == 1 + Float.ulpOfOne)
        #expect(FloatFormat.fp32.nextDown(one) == 1 - Float.ulpOfOne / 2)
        #expect(FloatFormat.e4m3.nextUp(0x7E) == nil)  // 448 has no finite neighbour above
        #expect(FloatFormat.e4m3.nextDown(0) == -0x1p-9)
        #expect(FloatFormat.fp16.nextUp(0x7BFF) == .infinity)
    }
}

/// Every code of every format decodes to a value that encodes back to the same code.
@Suite struct FloatFormatRoundTripTests {
    @Test(arguments: FloatFormat.all.filter { $0.bits <= 16 })
    func everyCodeRoundTrips(_ f: FloatFormat) {
        var failures = 0
        for code in UInt32(0)..<(UInt32(1) << UInt32(f.bits)) {
            let v = f.decode(code)
            if v.isNaN { continue }
            if f.encode(v) != code {
                failures += 1
                if failures < 5 { Issue.record("\(f.name): code 0x\(String(code, radix: 16)) → \(v) → 0x\(String(f.encode(v), radix: 16))") }
            }
        }
        #expect(failures == 0, "\(f.name)")
    }

    @Test func nanCodesAreExactlyTheSpecialOnes() {
        // E4M3FN: only 0x7F and 0xFF; E5M2: 3 NaN mantissas per sign.
        #expect((0..<256).filter { FloatFormat.e4m3.decode(UInt32($0)).isNaN } == [0x7F, 0xFF])
        #expect((0..<256).filter { FloatFormat.e5m2.decode(UInt32($0)).isNaN }.count == 6)
    }
}

/// The fast array paths agree with the scalar reference, bit for bit.
@Suite struct FloatFormatFastPathTests {
    /// Values over every binade of Float, with specials, ties and both signs.
    static func probeValues() -> [Float] {
        var g = LCG(state: 12345)
        var values: [Float] = [0, -0.0, .nan, .infinity, -.infinity, .greatestFiniteMagnitude,
                               .leastNonzeroMagnitude, .leastNormalMagnitude, 448, 464, 480, 65504, 65520, 57344, 61440]
        for _ in 0..<20_000 {
            let bits = UInt32(truncatingIfNeeded: g.next())
            values.append(Float(bitPattern: bits))
        }
        // Exact ties between adjacent FP8/FP16 values.
        for k in 0..<2000 { values.append(Float(k) * 0x1p-11 + 1) }
        for k in 0..<512 { values.append(Float(k) * 0x1p-10) }
        return values
    }

    @Test(arguments: FloatFormat.all)
    func arrayRoundingMatchesScalar(_ f: FloatFormat) {
        let values = Self.probeValues()
        let fast = f.rounded(values)
        for (x, y) in zip(values, fast) {
            let reference = f.rounded(x)
            if reference.bitPattern != y.bitPattern && !(reference.isNaN && y.isNaN) {
                Issue.record("\(f.name): \(x) (0x\(String(x.bitPattern, radix: 16))) → \(y), reference \(reference)")
                return
            }
        }
    }

    @Test(arguments: FloatFormat.all.filter { $0.bits <= 16 })
    func arrayCodesMatchScalar(_ f: FloatFormat) {
        let values = Self.probeValues()
        let fast: [UInt32] = f.bits <= 8 ? f.encodeSaturating8(values).map(UInt32.init) : f.encodeSaturating16(values).map(UInt32.init)
        for (x, c) in zip(values, fast) where c != f.encodeSaturating(Double(x)) {
            Issue.record("\(f.name): \(x) → 0x\(String(c, radix: 16)), reference 0x\(String(f.encodeSaturating(Double(x)), radix: 16))")
            return
        }
    }

    @Test func fp16ReferenceMatchesHardwareConversion() {
        for x in Self.probeValues() {
            let hardware = UInt32(Float16(x).bitPattern)
            let reference = FloatFormat.fp16.encode(x)
            if x.isNaN { continue }
            #expect(hardware == reference, "\(x)")
        }
    }
}

/// A tiny deterministic generator for probe bit patterns (full 32-bit coverage, no floats involved).
struct LCG {
    var state: UInt64
    mutating func next() -> UInt64 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return state >> 16
    }
}

@Suite struct FloatExplanationTests {
    @Test func pointThreeSevenFiveInFP32() {
        let e = FloatExplanation(0.375, in: .fp32)
        #expect(e.roundingError == 0 && e.nextUp == Float(0.375).nextUp && e.nextDown == Float(0.375).nextDown)
        #expect(e.text.contains("bits       0 01111101 10000000000000000000000   (0x3EC00000)"))
    }

    @Test func roundingErrorAndOverflowAreNamed() {
        // 0.1 in BF16: 0x3DCD = 0.10009765625, error 9.765625e-5 less 0.1's own binary64 error.
        let tenth = FloatExplanation(0.1, in: .bf16)
        #expect(tenth.fields.code == 0x3DCD && (tenth.roundingError - 9.765625e-5).magnitude < 1e-17)
        #expect(FloatExplanation(500, in: .e4m3).text.contains("codes as NaN (no infinity)"))
        #expect(FloatExplanation(70000, in: .fp16).text.contains("overflow: beyond ±65504.0, rounded to inf"))
    }

    /// The line that starts with `error` in the explanation.
    static func errorLine(_ value: Double, _ format: FloatFormat) -> String? {
        FloatExplanation(value, in: format).text.split(separator: "\n").first { $0.contains("error ") }.map(String.init)
    }

    /// Issue 16: the terminal shows the rounding error to 4 significant digits.
    @Test func roundingErrorIsPrintedToFourSignificantDigits() {
        // fp32(0.1) = 0x1.99999ap-4 = 0.100000001490116119384765625: the error is
        // 1.4901161193847656e-9 less 0.1's own error as a double (5.55e-18) = 1.4901161138336505e-09.
        #expect(Self.errorLine(0.1, .fp32) == "  error      1.49e-09 (relative 1.49e-08)")
        // bf16(1/3) = 0x1.56p-2 = 0.333984375: error 0.00065104…, relative 0.00195312…
        #expect(Self.errorLine(1.0 / 3, .bf16) == "  error      0.000651 (relative 0.001953)")
        #expect(Self.errorLine(0.375, .fp32) == "  error      0 (relative 0)")
    }
}
