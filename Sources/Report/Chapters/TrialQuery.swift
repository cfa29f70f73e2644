public import Records

/// Lookups over a section's records that every chapter builder needs, in the keys of the
/// section's schema, with errors that name the section and what is missing.
///
/// ```
/// let q = TrialQuery<FormatsSchema>(records: records)
/// try q.value(.epsilon, .format, [.format: "fp16"])   // the epsilon of FP16's `format` record
/// ```
public struct TrialQuery<Schema: RecordSchema>: Sendable {
    /// The records.
    public let records: [TrialRecord]

    /// A query over `records` of `Schema`'s section.
    public init(records: [TrialRecord]) {
        self.records = records
    }

    /// The section the records belong to.
    public var section: String { Schema.section }

    /// The records of `family` whose parameters include every pair of `filter`, in stored order.
    public func all(_ family: Schema.Family, _ filter: [Schema.Parameter: ParameterValue] = [:]) -> [TrialRecord] {
        records.matching(Schema.parameters(family, filter))
    }

    /// The one record of `family` matching `filter`.
    /// - Throws: `ChapterError` when none matches.
    public func one(_ family: Schema.Family, _ filter: [Schema.Parameter: ParameterValue] = [:]) throws -> TrialRecord {
        guard let record = all(family, filter).first else {
            throw ChapterError(section: section, "no trial with \(Self.describe(Schema.parameters(family, filter)))")
        }
        return record
    }

    /// Measurement `metric` of the one record of `family` matching `filter`.
    /// - Throws: `ChapterError` when the record or the measurement is missing.
    public func value(
        _ metric: Schema.Metric, _ family: Schema.Family, _ filter: [Schema.Parameter: ParameterValue] = [:]
    ) throws -> Double {
        try measurement(metric, of: one(family, filter))
    }

    /// Measurement `metric` of `record`.
    /// - Throws: `ChapterError` when the record lacks it.
    public func measurement(_ metric: Schema.Metric, of record: TrialRecord) throws -> Double {
        guard let m = record[metric] else {
            throw ChapterError(section: section, "trial \(Self.describe(record.parameters)) has no measurement \(metric.rawValue)")
        }
        return m.value
    }

    /// `key=value` pairs in key order, for messages.
    static func describe(_ parameters: [Schema.Parameter: ParameterValue]) -> String {
        describe(Dictionary(uniqueKeysWithValues: parameters.map { ($0.key.rawValue, $0.value) }))
    }

    /// `key=value` pairs in key order, for messages.
    static func describe(_ parameters: [String: ParameterValue]) -> String {
        parameters.keys.sorted().map { "\($0)=\(parameters[$0]!)" }.joined(separator: ", ")
    }
}
