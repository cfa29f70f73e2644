import Foundation

/// Every floor a benchmark run checks, with its outcome, so that the run can end with a
/// non-zero exit status naming each missed floor (a benchmark that misses its floor is a
/// failure, not a line to overlook in the output).
struct FloorLedger {
    /// One checked floor.
    struct Check {
        /// What was measured, e.g. `GEMM INT8 speedup`.
        let name: String
        /// The measured value, in `unit`.
        let value: Double
        /// The bound it had to meet, in `unit`.
        let bound: Double
        /// `×`, ` %`, ` GB/s`, ` s`.
        let unit: String
        /// `true` when the value must be at most the bound (times), `false` for at least (rates).
        let isCeiling: Bool

        /// Whether the value met its bound; NaN never does.
        var met: Bool { isCeiling ? value <= bound : value >= bound }

        /// `GEMM INT8 speedup 2.91× (floor ≥ 3.50×)`.
        var summary: String {
            "\(name) \(Self.format(value))\(unit) (floor \(isCeiling ? "≤" : "≥") \(Self.format(bound))\(unit))"
        }

        static func format(_ x: Double) -> String { String(format: "%.2f", x) }
    }

    /// The checks in the order they were made.
    private(set) var checks: [Check] = []

    /// Records that `value` must be at least `minimum` and prints the line.
    mutating func atLeast(_ name: String, _ value: Double, _ minimum: Double, unit: String = "×") {
        record(Check(name: name, value: value, bound: minimum, unit: unit, isCeiling: false))
    }

    /// Records that `value` must be at most `maximum` (a time) and prints the line.
    mutating func atMost(_ name: String, _ value: Double, _ maximum: Double, unit: String = " s") {
        record(Check(name: name, value: value, bound: maximum, unit: unit, isCeiling: true))
    }

    private mutating func record(_ check: Check) {
        checks.append(check)
        print("  floor \(check.summary): \(check.met ? "met" : "NOT met")")
    }

    /// The checks that missed their bound.
    var missed: [Check] { checks.filter { !$0.met } }

    /// Writes one line per missed floor to standard error and exits with status 1 when any
    /// floor was missed; returns when every floor was met.
    func exitOnMissedFloors() {
        let missed = missed
        guard !missed.isEmpty else { return }
        var message = "quantlab-bench: \(missed.count) of \(checks.count) floors missed:\n"
        for check in missed { message += "  \(check.summary)\n" }
        FileHandle.standardError.write(Data(message.utf8))
        exit(1)
    }
}
