public import Records

/// The records of one run of the `matmul` section, split by trial family (the `trial` parameter
/// of the Experiments module's `MatmulRecord`), with the lookups every matmul analysis needs.
///
/// The analysis reads records only: it never reruns a trial, so it can change freely.
public struct MatmulRecords: Sendable {
    /// Every record of the run.
    public let all: [TrialRecord]

    /// Wraps a run's records.
    public init(_ records: [TrialRecord]) { all = records }

    /// The records of one trial family (`gemm-error`, `gemm-time`, `peak`, `gemv`, …).
    public func trial(_ name: String) -> [TrialRecord] {
        all.filter { $0.parameters["trial"] == .string(name) }
    }

    /// The GEMM sizes with error records, increasing.
    public var sizes: [Int] { ints("size", in: trial("gemm-error")) }
    /// The GEMM sizes with timing records, increasing.
    public var timedSizes: [Int] { ints("size", in: trial("gemm-time")) }
    /// The formats with error records, in the run's order (the baseline first).
    public var formats: [String] { strings("format", in: trial("gemm-error")) }
    /// The input distributions with error records, in the run's order.
    public var distributions: [String] { strings("distribution", in: trial("gemm-error")) }

    /// Whether a format was timed as an emulation (from its records' `emulated` flag).
    public func isEmulated(_ format: String) -> Bool {
        all.first { $0.parameters["format"] == .string(format) }?.parameters["emulated"] == .bool(true)
    }

    /// The first value of a string parameter among the records of `trial`, e.g. the ISA.
    public func parameter(_ name: String, trial t: String = "gemm-time") -> String? {
        trial(t).first?.parameters[name]?.description
    }

    private func ints(_ name: String, in records: [TrialRecord]) -> [Int] {
        Set(records.compactMap { $0.parameters[name]?.numberValue.map { Int($0) } }).sorted()
    }

    private func strings(_ name: String, in records: [TrialRecord]) -> [String] {
        var seen: [String] = []
        for r in records { if let v = r.parameters[name]?.description, !seen.contains(v) { seen.append(v) } }
        return seen
    }
}
