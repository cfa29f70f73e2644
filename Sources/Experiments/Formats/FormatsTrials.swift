import Glibc
import QuantCore
import Records
import Runner

/// The trial families of the `formats` section, one function each (see `FormatsExperiment`).
enum FormatsTrials {
    /// The formats the chapter tabulates, widest first.
    static var tabulated: [any NumberFormat] { FormatTable.builtIn.formats }

    /// One record per format with the facts of `quantlab formats`.
    static func formatFacts() -> [TrialRecord] {
        tabulated.enumerated().map { order, format in
            var m: [FormatsSchema.Metric: Measurement] = [
                .bits: Measurement(Double(format.bits), unit: "bit"),
                .max: Measurement(format.maxFinite),
                .finiteValues: Measurement(Double(format.distinctFiniteValues)),
            ]
            if let e = format.exponentBits { m[.exponentBits] = Measurement(Double(e), unit: "bit") }
            if let p = format.mantissaBits { m[.mantissaBits] = Measurement(Double(p), unit: "bit") }
            if let v = format.minNormal { m[.minNormal] = Measurement(v) }
            if let v = format.minSubnormal { m[.minSubnormal] = Measurement(v) }
            if let v = format.epsilon { m[.epsilon] = Measurement(v) }
            return FormatsSchema.record(.format, [.format: .string(format.name), .order: .int(order)], m)
        }
    }

    /// Each value in each float format: its code as stored (overflow follows the format's rule,
    /// ±∞ or NaN), the decoded value, the error, and the value quantization saturates to.
    static func encodings(of values: [Double]) -> [TrialRecord] {
        values.flatMap { value in
            FloatFormat.all.map { format in
                let code = format.encode(value)
                let decoded = Double(format.decode(code))
                return FormatsSchema.record(.encoding, [.format: .string(format.name), .value: .double(value)], [
                    .code: Measurement(Double(code)),
                    .decoded: Measurement(decoded),
                    .absError: Measurement(abs(decoded - value)),
                    .relError: Measurement(abs(decoded - value) / abs(value)),
                    .saturated: Measurement(Double(format.decode(format.encodeSaturating(value)))),
                ])
            }
        }
    }

    /// The gap between a representable value and the next one up, for magnitudes
    /// 2^(k / stepsPerOctave): each float format where the magnitude is inside its finite range,
    /// and INT8 symmetric with scale 1/127 (range [−1, 1]) inside [scale, 1].
    static func spacing(octaves: ClosedRange<Int>, stepsPerOctave: Int) -> [TrialRecord] {
        let exponents = (octaves.lowerBound * stepsPerOctave)...(octaves.upperBound * stepsPerOctave)
        var records: [TrialRecord] = []
        for format in FloatFormat.all {
            for k in exponents {
                let x = pow(2, Double(k) / Double(stepsPerOctave))
                guard x >= format.smallestSubnormal, x <= format.maxFinite else { continue }
                let code = format.encodeSaturating(x)
                guard let up = format.nextUp(code) else { continue }
                let here = Double(format.decode(code))
                records.append(FormatsSchema.record(.spacing, [.format: .string(format.name), .magnitude: .double(x)], [
                    .gap: Measurement(Double(up) - here),
                    .relativeGap: Measurement((Double(up) - here) / here),
                ]))
            }
        }
        let int8 = AffineQuantizer(bits: 8, symmetric: true)
        let scale = 1.0 / Double(int8.maxCode)
        for k in exponents {
            let x = pow(2, Double(k) / Double(stepsPerOctave))
            guard x >= scale, x <= 1 else { continue }
            records.append(FormatsSchema.record(.spacing, [.format: "int8", .magnitude: .double(x)], [
                .gap: Measurement(scale),
                .relativeGap: Measurement(scale / x),
            ]))
        }
        return records
    }
}
