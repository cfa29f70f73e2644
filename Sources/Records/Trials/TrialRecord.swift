/// One trial of an experiment: the parameters that went in and the measurements that came out.
///
/// A record holds raw facts only: no averages, no prose. Its JSON form (one line of
/// `trials.jsonl`) is canonical, keys sorted, so equal records always give equal bytes:
/// ```
/// {"measurements":{"time":{"timing":true,"unit":"ms","value":0.52}},"parameters":{"format":"int8","size":64}}
/// ```
public struct TrialRecord: Hashable, Sendable {
    /// The inputs of the trial, e.g. `["format": "int8", "size": 64]`.
    public var parameters: [String: ParameterValue]
    /// The outputs of the trial by name, each with its unit.
    public var measurements: [String: Measurement]

    /// A record of `parameters` and `measurements`.
    public init(parameters: [String: ParameterValue], measurements: [String: Measurement]) {
        self.parameters = parameters
        self.measurements = measurements
    }

    /// The record with timing measurements removed: what a profile and seed fix bit for bit.
    public var withoutTimings: TrialRecord {
        TrialRecord(parameters: parameters, measurements: measurements.filter { !$0.value.isTiming })
    }

    /// The canonical one-line JSON text of this record.
    public var jsonLine: String {
        JSONValue.object([
            "parameters": .object(parameters.mapValues(\.json)),
            "measurements": .object(measurements.mapValues(\.json)),
        ]).serialized
    }

    /// Reads a record from one line of `trials.jsonl`.
    /// - Throws: `RecordFormatError` when the line is not a record.
    public init(jsonLine line: String) throws(RecordFormatError) {
        let value: JSONValue
        do { value = try JSONValue(parsing: line) } catch { throw RecordFormatError(reason: error.description) }
        guard case .object(let top) = value,
              case .object(let params)? = top["parameters"],
              case .object(let meas)? = top["measurements"]
        else { throw RecordFormatError(reason: "expected an object with \"parameters\" and \"measurements\"") }
        var parameters: [String: ParameterValue] = [:]
        for (key, v) in params {
            guard let p = ParameterValue(json: v) else {
                throw RecordFormatError(reason: "parameter \"\(key)\" is not a string, number or flag")
            }
            parameters[key] = p
        }
        var measurements: [String: Measurement] = [:]
        for (key, v) in meas {
            guard let m = Measurement(json: v) else {
                throw RecordFormatError(reason: "measurement \"\(key)\" lacks a numeric value or a unit")
            }
            measurements[key] = m
        }
        self.init(parameters: parameters, measurements: measurements)
    }
}

/// A line of `trials.jsonl` that is not a trial record.
public struct RecordFormatError: Error, CustomStringConvertible {
    /// What is wrong with the line.
    public let reason: String
    public var description: String { reason }
}
