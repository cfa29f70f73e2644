public import Records

/// Trials that share the values of some parameters, e.g. every repeat of `format = int8, size = 64`.
public struct TrialGroup: Sendable {
    /// The shared values of the grouping parameters by their stored names; a parameter the
    /// records lack is absent here.
    public let key: [String: ParameterValue]
    /// The records of the group, in their original order.
    public let records: [TrialRecord]

    /// The values of measurement `key` across the group, skipping records without it.
    public func values<K: MeasurementKey>(of key: K) -> [Double] {
        records.values(of: key)
    }

    /// The group's value of parameter `key`, e.g. `group[MatmulSchema.Parameter.format]`;
    /// `nil` when the records lack it or it is not a grouping parameter.
    public subscript<K: ParameterKey>(_ key: K) -> ParameterValue? { self.key[key.rawValue] }
}

extension Sequence<TrialRecord> {
    /// Groups records by the values of parameters `keys`, ordered by those values (first key
    /// first; numbers numerically; a missing value first), with records kept in input order.
    /// - Parameter keys: the parameters to group by; empty gives one group of all.
    public func grouped<K: ParameterKey>(by keys: [K]) -> [TrialGroup] {
        var order: [[ParameterValue?]] = []
        var groups: [[ParameterValue?]: [TrialRecord]] = [:]
        for record in self {
            let key = keys.map { record[$0] }
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
            for (name, value) in zip(keys, key) { labels[name.rawValue] = value }
            return TrialGroup(key: labels, records: groups[key]!)
        }
    }
}
