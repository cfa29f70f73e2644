/// One measured quantity of a trial: a value with its unit.
///
/// Units are short SI-style strings (`ms`, `s`, `GB/s`, `GFLOP/s`, `bytes`); an empty unit means
/// dimensionless (a ratio, a count, a relative error). `isTiming` marks values that depend on
/// the machine's speed: every other measurement is fixed bit for bit by profile and seed, which
/// is what the determinism tests check (`TrialRecord.withoutTimings`).
///
/// In `trials.jsonl` a measurement is `{"unit":"ms","value":1.25}`, with `"timing":true` added
/// for timings; a non-finite value is written as the string `"inf"`, `"-inf"` or `"nan"`.
public struct Measurement: Hashable, Sendable {
    /// The measured value, in `unit`.
    public var value: Double
    /// The unit of `value`; empty for dimensionless quantities.
    public var unit: String
    /// Whether the value is a time or rate that varies from run to run.
    public var isTiming: Bool

    /// A measurement of `value` in `unit`.
    public init(_ value: Double, unit: String = "", isTiming: Bool = false) {
        self.value = value
        self.unit = unit
        self.isTiming = isTiming
    }

    /// A run-to-run-varying time or rate, e.g. `.timing(1.25, unit: "ms")`.
    public static func timing(_ value: Double, unit: String) -> Measurement {
        Measurement(value, unit: unit, isTiming: true)
    }

    /// Equality that also holds for two NaN values, as needed when comparing stored records.
    public static func == (lhs: Measurement, rhs: Measurement) -> Bool {
        (lhs.value == rhs.value || (lhs.value.isNaN && rhs.value.isNaN))
            && lhs.unit == rhs.unit && lhs.isTiming == rhs.isTiming
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(value.isNaN ? Double.nan.bitPattern : value.bitPattern)
        hasher.combine(unit)
        hasher.combine(isTiming)
    }

    var json: JSONValue {
        var members: [String: JSONValue] = ["value": .double(value), "unit": .string(unit)]
        if isTiming { members["timing"] = .bool(true) }
        return .object(members)
    }

    init?(json: JSONValue) {
        guard case .object(let m) = json, let value = m["value"]?.numberValue,
              case .string(let unit)? = m["unit"] else { return nil }
        var timing = false
        if let t = m["timing"] {
            guard case .bool(let b) = t else { return nil }
            timing = b
        }
        self.init(value, unit: unit, isTiming: timing)
    }
}
