/// Typed access to a record's parameters and measurements through a schema's keys
/// (`RecordKey`): the record stores them under the keys' raw values.
extension TrialRecord {
    /// A record of typed `parameters` and `measurements`, stored under their keys' raw values.
    public init<P: ParameterKey, M: MeasurementKey>(
        parameters: [P: ParameterValue], measurements: [M: Measurement]
    ) {
        self.init(
            parameters: Dictionary(uniqueKeysWithValues: parameters.map { ($0.key.rawValue, $0.value) }),
            measurements: Dictionary(uniqueKeysWithValues: measurements.map { ($0.key.rawValue, $0.value) }))
    }

    /// The value of parameter `key`; `nil` when the record lacks it.
    public subscript<K: ParameterKey>(_ key: K) -> ParameterValue? {
        get { parameters[key.rawValue] }
        set { parameters[key.rawValue] = newValue }
    }

    /// Measurement `key` with its unit; `nil` when the record lacks it.
    public subscript<K: MeasurementKey>(_ key: K) -> Measurement? {
        get { measurements[key.rawValue] }
        set { measurements[key.rawValue] = newValue }
    }

    /// Whether the record has every parameter value of `filter` (an empty filter matches all).
    public func matches<K: ParameterKey>(_ filter: [K: ParameterValue]) -> Bool {
        filter.allSatisfy { self[$0.key] == $0.value }
    }
}

extension Sequence<TrialRecord> {
    /// The records whose parameters include every pair of `filter`, in their order, e.g.
    /// `records.matching([MatmulSchema.Parameter.format: "int8-tensor"])`.
    public func matching<K: ParameterKey>(_ filter: [K: ParameterValue]) -> [TrialRecord] {
        self.filter { $0.matches(filter) }
    }

    /// The values of measurement `key`, skipping records without it.
    public func values<K: MeasurementKey>(of key: K) -> [Double] {
        compactMap { $0[key]?.value }
    }
}
