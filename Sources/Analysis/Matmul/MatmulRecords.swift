public import Records

/// The records of one run of the `matmul` section, split by trial family (`MatmulSchema.Family`),
/// with the lookups every matmul analysis needs.
///
/// The analysis reads records only: it never reruns a trial, so it can change freely.
public struct MatmulRecords: Sendable {
    private typealias Parameter = MatmulSchema.Parameter

    /// Every record of the run.
    public let all: [TrialRecord]

    /// Wraps a run's records.
    public init(_ records: [TrialRecord]) { all = records }

    /// The records of one trial family (`.gemmError`, `.gemmTime`, `.peak`, `.gemv`, …).
    public func trial(_ family: MatmulSchema.Family) -> [TrialRecord] {
        MatmulSchema.records(family, in: all)
    }

    /// The GEMM sizes with error records, increasing.
    public var sizes: [Int] { ints(.size, in: trial(.gemmError)) }
    /// The GEMM sizes with timing records, increasing.
    public var timedSizes: [Int] { ints(.size, in: trial(.gemmTime)) }
    /// The formats with error records, in the run's order (the baseline first).
    public var formats: [String] { strings(.format, in: trial(.gemmError)) }
    /// The input distributions with error records, in the run's order.
    public var distributions: [String] { strings(.distribution, in: trial(.gemmError)) }

    /// Whether a format was timed as an emulation (from its records' `emulated` flag).
    public func isEmulated(_ format: String) -> Bool {
        all.first { $0[Parameter.format] == .string(format) }?[Parameter.emulated] == .bool(true)
    }

    /// The first value of a string parameter among the records of `family`, e.g. the ISA.
    public func parameter(_ key: MatmulSchema.Parameter, trial family: MatmulSchema.Family = .gemmTime) -> String? {
        trial(family).first?[key]?.description
    }

    private func ints(_ key: Parameter, in records: [TrialRecord]) -> [Int] {
        Set(records.compactMap { $0[key]?.numberValue.map { Int($0) } }).sorted()
    }

    private func strings(_ key: Parameter, in records: [TrialRecord]) -> [String] {
        var seen: [String] = []
        for r in records { if let v = r[key]?.description, !seen.contains(v) { seen.append(v) } }
        return seen
    }
}
