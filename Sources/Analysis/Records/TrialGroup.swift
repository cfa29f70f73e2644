public import Records

/// Trials that share the values of some parameters, e.g. every repeat of `format = int8, size = 64`.
public struct TrialGroup: Sendable {
    /// The shared values of the grouping parameters; a parameter a record lacks is absent here.
    public let key: [String: ParameterValue]
    /// The records of the group, in their original order.
    public let records: [TrialRecord]

    /// The values of measurement `name` across the group, skipping records without it.
    public func values(of name: String) -> [Double] {
        records.compactMap { $0.measurements[name]?.value }
    }

    /// The group's label for one parameter, e.g. `group["format"]`.
    public subscript(parameter: String) -> ParameterValue? { key[parameter] }

    /// The values of measurement `key` across the group, skipping records without it.
    public func values<K: MeasurementKey>(of key: K) -> [Double] {
        records.values(of: key)
    }

    /// The group's value of parameter `key`, e.g. `group[MatmulSchema.Parameter.format]`;
    /// `nil` when the records lack it or it is not a grouping parameter.
    public subscript<K: ParameterKey>(_ key: K) -> ParameterValue? { self.key[key.rawValue] }
}

extension Sequence<TrialRecord> {
    /// Groups records by the values of `parameters`, ordered by those values (first parameter
    /// first; numbers numerically; a missing value first), with records kept in input order.
    /// - Parameter parameters: the parameter names to group by; empty gives one group of all.
    public func grouped(by parameters: [String]) -> [TrialGroup] {
        var order: [[ParameterValue?]] = []
        var groups: [[ParameterValue?]: [TrialRecord]] = [:]
        for record in self {
            let key = parameters.map { record.parameters[$0] }
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(record)
        }
        let sortedKeys = order.sorted { a, b in
            for (x, y) in zip(a, b) where x != y {
                guard let x else { return true }
                guard let y else { return false }
                return x < y
            }
            return false
        }
        return sortedKeys.map { key in
            var labels: [String: ParameterValue] = [:]
            for (name, value) in zip(parameters, key) { labels[name] = value }
            return TrialGroup(key: labels, records: groups[key]!)
        }
    }

    /// Groups records by the values of parameters `keys`, as `grouped(by:)` with their raw values.
    public func grouped<K: ParameterKey>(by keys: [K]) -> [TrialGroup] {
        grouped(by: keys.map(\.rawValue))
    }

    /// The records whose parameters include every pair of `filter`, e.g. `["format": "int8"]`.
    public func matching(_ filter: [String: ParameterValue]) -> [TrialRecord] {
        self.filter { record in filter.allSatisfy { record.parameters[$0.key] == $0.value } }
    }

    /// The values of measurement `name`, skipping records without it.
    public func values(of name: String) -> [Double] {
        compactMap { $0.measurements[name]?.value }
    }
}
