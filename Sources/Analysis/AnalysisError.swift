/// Analysis that cannot proceed on the records given, as one line naming what is missing.
public enum AnalysisError: Error, CustomStringConvertible, Equatable {
    case missingBaseline(parameter: String, value: String, measurement: String)
    /// A family every analysis of the section needs has no record.
    case missingFamily(section: String, family: String)

    public var description: String {
        switch self {
        case .missingBaseline(let parameter, let value, let measurement):
            "no trials with \(parameter) = \(value) and a '\(measurement)' measurement to use as the baseline; rerun the section"
        case .missingFamily(let section, let family):
            "\(section): no \(family) trials in the records; rerun the section"
        }
    }
}
