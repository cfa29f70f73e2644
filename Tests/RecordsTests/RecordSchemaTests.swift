import Foundation
import Testing
import Records

/// The typed accessors over record keys, and the section schemas against the stored results.
@Suite struct RecordSchemaTests {
    /// A small schema of its own, so the accessors are tested apart from any section.
    enum Toy: RecordSchema {
        static let section = "toy"
        static let familyKey = Parameter.kind
        enum Family: String, CaseIterable, Sendable { case small, large = "large-one" }
        enum Parameter: String, ParameterKey { case kind, size, format, repeatIndex = "repeat" }
        enum Metric: String, MeasurementKey { case time, bytes = "byte_count" }
    }

    @Test func typedKeysStoreTheirRawValues() {
        var record = Toy.record(.large, [.size: 64, .repeatIndex: 2], [.time: .timing(0.5, unit: "ms"), .bytes: Measurement(8)])
        #expect(record.parameters == ["kind": "large-one", "size": 64, "repeat": 2])
        #expect(record.measurements == ["time": .timing(0.5, unit: "ms"), "byte_count": Measurement(8)])
        #expect(record[Toy.Parameter.size] == 64 && record[Toy.Parameter.format] == nil)
        #expect(record[Toy.Metric.bytes]?.value == 8)
        record[Toy.Parameter.format] = "int8"
        record[Toy.Metric.time] = nil
        #expect(record.jsonLine == #"{"measurements":{"byte_count":{"unit":"","value":8.0}},"parameters":{"format":"int8","kind":"large-one","repeat":2,"size":64}}"#)
        let plain = TrialRecord(parameters: [Toy.Parameter.size: 1], measurements: [Toy.Metric.time: Measurement(2)])
        #expect(plain == TrialRecord(parameters: ["size": 1], measurements: ["time": Measurement(2)]))
    }

    @Test func familiesAndTypedFilters() {
        let records = [
            Toy.record(.small, [.size: 1, .format: "fp32"], [.time: Measurement(1)]),
            Toy.record(.large, [.size: 1, .format: "int8"], [.time: Measurement(2)]),
            Toy.record(.small, [.size: 2, .format: "int8"], [.bytes: Measurement(3)]),
            TrialRecord(parameters: ["kind": "other"], measurements: [:]),
        ]
        #expect(Toy.records(.small, in: records) == [records[0], records[2]])
        #expect(records.map(Toy.family(of:)) == [.small, .large, .small, nil])
        #expect(records.matching([Toy.Parameter.format: "int8"]) == [records[1], records[2]])
        #expect(records.matching(Toy.parameters(.small, [.format: "int8"])) == [records[2]])
        #expect(records.matching([Toy.Parameter: ParameterValue]()).count == 4, "an empty filter matches all")
        #expect(records.values(of: Toy.Metric.time) == [1, 2], "records without the measurement are skipped")
        #expect(ParameterValue(Toy.Family.large) == "large-one")
    }

    /// The stored results of the full profile must load with these schemas: every stored key
    /// and family is one of the schema's, so renaming a raw value fails here.
    @Test(arguments: [
        (MatmulSchema.section, keys(MatmulSchema.self)),
        (LinregSchema.section, keys(LinregSchema.self)),
        (FormatsSchema.section, keys(FormatsSchema.self)),
    ])
    func storedResultsUseOnlySchemaKeys(section: String, schema: SchemaKeys) throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let file = root.appendingPathComponent("data/results/full/\(section)/trials.jsonl")
        let records = try TrialsJSONL.records(from: String(contentsOf: file, encoding: .utf8), source: file.path)
        #expect(!records.isEmpty, "\(section): no stored records")
        let parameters = Set(records.flatMap(\.parameters.keys)), measurements = Set(records.flatMap(\.measurements.keys))
        #expect(parameters.isSubset(of: schema.parameters), "\(section): unknown parameters \(parameters.subtracting(schema.parameters))")
        #expect(measurements.isSubset(of: schema.measurements), "\(section): unknown measurements \(measurements.subtracting(schema.measurements))")
        let families = Set(records.compactMap { $0.parameters[schema.familyKey]?.description })
        #expect(families == schema.families, "\(section): stored families \(families)")
    }

    /// A schema's keys as strings, for comparing with stored records.
    struct SchemaKeys: Sendable {
        let parameters: Set<String>, measurements: Set<String>, families: Set<String>, familyKey: String
    }

    static func keys<S: RecordSchema>(_ schema: S.Type) -> SchemaKeys {
        SchemaKeys(
            parameters: Set(S.Parameter.allCases.map(\.rawValue)), measurements: Set(S.Metric.allCases.map(\.rawValue)),
            families: Set(S.Family.allCases.map(\.rawValue)), familyKey: S.familyKey.rawValue)
    }
}
