/// The record vocabulary of one section: its id, its trial families, and the keys of its
/// parameters and measurements. The Experiments module writes records with it, the Analysis
/// and Report modules read them with it; no key is spelled anywhere else.
///
/// Every record of a section names its trial family in one parameter, `familyKey` (`family`,
/// or `trial` in the matmul section); the family says which other keys the record has. The
/// helpers below are written once for every schema:
/// ```
/// MatmulSchema.record(.peak, [.size: 512, .repeatIndex: 0], [.kernelSeconds: .timing(0.01, unit: "s")])
/// MatmulSchema.records(.peak, in: records)            // the peak records, in stored order
/// ```
public protocol RecordSchema {
    /// The parameter keys of the section's records.
    associatedtype Parameter: ParameterKey
    /// The measurement keys of the section's records.
    associatedtype Metric: MeasurementKey
    /// The trial families, stored as the value of `familyKey`.
    associatedtype Family: RawRepresentable<String>, CaseIterable, Sendable

    /// The section id: the results folder name, the CLI argument and the chapter's section.
    static var section: String { get }
    /// The parameter that names a record's family.
    static var familyKey: Parameter { get }
}

extension RecordSchema {
    /// The parameters of a record of `family`: `others` with the family key added.
    ///
    /// Used both to build records and as a filter, e.g.
    /// `LinregSchema.parameters(.ptqWeights, [.format: "fp64"])`.
    public static func parameters(
        _ family: Family, _ others: [Parameter: ParameterValue] = [:]
    ) -> [Parameter: ParameterValue] {
        var parameters = others
        parameters[familyKey] = ParameterValue(family)
        return parameters
    }

    /// A record of `family` with `parameters` and `measurements`.
    public static func record(
        _ family: Family, _ parameters: [Parameter: ParameterValue], _ measurements: [Metric: Measurement]
    ) -> TrialRecord {
        TrialRecord(parameters: Self.parameters(family, parameters), measurements: measurements)
    }

    /// The records of `family` among `records`, in their order.
    public static func records(_ family: Family, in records: some Sequence<TrialRecord>) -> [TrialRecord] {
        let value = ParameterValue(family)
        return records.filter { $0[familyKey] == value }
    }

    /// The family of `record`, or `nil` when it names none of this schema's families.
    public static func family(of record: TrialRecord) -> Family? {
        guard case .string(let name)? = record[familyKey] else { return nil }
        return Family(rawValue: name)
    }
}
