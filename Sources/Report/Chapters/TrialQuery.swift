import Analysis
public import Records

/// Lookups over a section's records that every chapter builder needs, with errors that name
/// the section and what is missing.
public struct TrialQuery: Sendable {
    /// The section the records belong to.
    public let section: String
    /// The records.
    public let records: [TrialRecord]

    /// A query over `records` of `section`.
    public init(section: String, records: [TrialRecord]) {
        self.section = section
        self.records = records
    }

    /// The records whose parameters include every pair of `filter`, in stored order.
    public func all(_ filter: [String: ParameterValue]) -> [TrialRecord] {
        records.matching(filter)
    }

    /// The one record matching `filter`.
    /// - Throws: `ChapterError` when none matches.
    public func one(_ filter: [String: ParameterValue]) throws -> TrialRecord {
        guard let record = all(filter).first else {
            throw ChapterError(section: section, "no trial with \(Self.describe(filter))")
        }
        return record
    }

    /// Measurement `name` of the one record matching `filter`.
    /// - Throws: `ChapterError` when the record or the measurement is missing.
    public func value(_ name: String, _ filter: [String: ParameterValue]) throws -> Double {
        try measurement(name, of: one(filter))
    }

    /// Measurement `name` of `record`.
    /// - Throws: `ChapterError` when the record lacks it.
    public func measurement(_ name: String, of record: TrialRecord) throws -> Double {
        guard let m = record.measurements[name] else {
            throw ChapterError(section: section, "trial \(Self.describe(record.parameters)) has no measurement \(name)")
        }
        return m.value
    }

    /// `key=value` pairs in key order, for messages.
    static func describe(_ parameters: [String: ParameterValue]) -> String {
        parameters.keys.sorted().map { "\($0)=\(parameters[$0]!)" }.joined(separator: ", ")
    }
}
