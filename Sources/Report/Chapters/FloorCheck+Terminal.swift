public import Analysis
import QuantCore

extension FloorCheck {
    /// The check and its values to 4 significant digits (`TerminalNumber`), for the terminal:
    /// `INT8 kernel speedup at n = 4096: 4.123× (floor 3.5×)`; shares as percentages.
    public var terminalText: String {
        func shown(_ value: Double) -> String {
            isShare ? "\(TerminalNumber.text(100 * value)) %" : "\(TerminalNumber.text(value))×"
        }
        return "\(name): \(shown(measured)) (floor \(shown(required)))"
    }
}
