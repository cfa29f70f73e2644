import Testing
import QuantCore
import Tensor

/// Issue 16, case 5: any finite input, across the whole float range, gives finite values,
/// finite positive scales and finite error metrics (SQNR is +∞ only for an exact result).
@Suite struct ExtremeInputTests {
    static let largest = Float.greatestFiniteMagnitude
    static let tiny = Float.leastNonzeroMagnitude

    /// Labelled inputs: the two of the issue, the ends of the float range, subnormals only,
    /// both ends at once, and one value of every binade.
    static let inputs: [(String, [Float])] = [
        ("±3.4e38", [3.4e38, -3.4e38]),
        ("±largest", [largest, -largest]),
        ("largest and 0", [largest, 0, largest / 2]),
        ("negative largest only", [-largest, -largest]),
        ("±smallest subnormal", [tiny, -tiny]),
        ("subnormals", [tiny, 3 * tiny, -7 * tiny, Float.leastNormalMagnitude / 2]),
        ("largest with subnormals", [largest, tiny, -tiny, -1]),
        ("every binade", (-149...127).map { Float(sign: $0 % 2 == 0 ? .plus : .minus, exponent: $0, significand: 1.5) }),
    ]

    static let schemes: [(String, QuantizationScheme)] = {
        var all: [(String, QuantizationScheme)] = []
        for bits in [8, 4, 2, 16] {
            for symmetric in [true, false] {
                // KL needs at most 2048 levels (its histogram's bins): 16 bits has 32,768.
                let calibrations = [("minmax", Calibration.minMax), ("percentile", .percentile(99.9)), ("mse", .mse)]
                    + (bits <= 8 ? [("kl", Calibration.kl)] : [])
                for (name, calibration) in calibrations {
                    all.append(("int\(bits) \(symmetric ? "sym" : "asym") \(name)",
                                QuantizationScheme(target: .integer(bits: bits), symmetric: symmetric, calibration: calibration)))
                }
            }
        }
        for format in [FloatFormat.e4m3, .e5m2, .fp16, .bf16] {
            all.append(("\(format.name) unscaled", QuantizationScheme(target: .float(format))))
            all.append(("\(format.name) absmax", QuantizationScheme(target: .float(format), floatScaling: .absmax)))
        }
        all.append(("nf4", QuantizationScheme(target: .table(.nf4))))
        return all
    }()

    @Test func everyFiniteInputGivesFiniteResults() throws {
        for (inputName, values) in Self.inputs {
            for (schemeName, scheme) in Self.schemes {
                let label = "\(schemeName) on \(inputName)"
                let result = try scheme.quantize(Tensor(shape: [values.count], storage: values))
                let values = result.dequantized.storage, scales = result.scales
                let finiteValues = values.allSatisfy(\.isFinite)
                let goodScales = scales.allSatisfy { $0.isFinite && $0 > 0 }
                #expect(finiteValues, "\(label): values \(values)")
                #expect(goodScales, "\(label): scales \(scales)")
                let e = result.error
                #expect(e.mse.isFinite && e.relativeFrobenius.isFinite && e.maxAbsError.isFinite, "\(label): \(e)")
                #expect(!e.sqnrDB.isNaN && (e.sqnrDB.isFinite || e.mse == 0), "\(label): SQNR \(e.sqnrDB)")
            }
        }
    }

    /// The issue's case: INT8 of ±3.4e38 reproduces both values to within half a step (the
    /// asymmetric zero point, rounded from 127.5, shifts the grid by that much).
    @Test func int8OfTheLargestValuesIsExactAtTheEnds() throws {
        for symmetric in [true, false] {
            let result = try QuantizationScheme(target: .integer(bits: 8), symmetric: symmetric)
                .quantize(Tensor(shape: [2], storage: [3.4e38, -3.4e38]))
            let step = Double(result.scales[0])
            for (x, y) in zip([3.4e38, -3.4e38], result.dequantized.storage) {
                // Half a step, plus the scale's rounding to Float (2⁻²⁴ relative) carried over
                // up to 255 codes: 255 · 2⁻²⁴ ≈ 1.5·10⁻⁵ of a step, twice that of half a step.
                #expect(abs(Double(x) - Double(y)) <= step / 2 * (1 + 4e-5), "symmetric \(symmetric): \(y)")
            }
        }
    }
}
