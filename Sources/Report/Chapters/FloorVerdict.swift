import QuantCore

/// A floor a chapter checks on its records (a speedup, a share of bandwidth, an accuracy), with
/// the verdict: `quantlab report` lists them when it ends, so a run that misses one says so
/// without opening the report.
public struct FloorVerdict: Sendable, Equatable {
    /// What is checked, e.g. `INT8 kernel speedup at n = 4096`.
    public let name: String
    /// The run's value.
    public let measured: Double
    /// The floor the value must reach (`measured ≥ required`).
    public let required: Double
    /// Whether both are shares of a whole (printed as percentages) rather than ratios.
    public let isShare: Bool

    /// A verdict.
    public init(name: String, measured: Double, required: Double, isShare: Bool) {
        self.name = name
        self.measured = measured
        self.required = required
        self.isShare = isShare
    }

    /// Whether the measured value reaches the floor.
    public var holds: Bool { measured >= required }

    /// The check and its values to 4 significant digits (`TerminalNumber`), for the terminal:
    /// `INT8 kernel speedup at n = 4096: 4.123× (floor 3.5×)`.
    public var text: String {
        func shown(_ value: Double) -> String {
            isShare ? "\(TerminalNumber.text(100 * value)) %" : "\(TerminalNumber.text(value))×"
        }
        return "\(name): \(shown(measured)) (floor \(shown(required)))"
    }
}
