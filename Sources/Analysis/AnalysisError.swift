/// Analysis that cannot proceed on the records given, as one line naming what is missing.
public enum AnalysisError: Error, CustomStringConvertible, Equatable {
    case missingBaseline(parameter: String, value: String, measurement: String)

    public var description: String {
        switch self {
        case .missingBaseline(let parameter, let value, let measurement):
            "no trials with \(parameter) = \(value) and a '\(measurement)' measurement to use as the baseline; rerun the section"
        }
    }
}
