import Analysis

extension FloorCheck {
    /// The appendix line: `- INT8 …: 3.61× (target 3.50×): met.`, shares as percentages.
    var markdown: String {
        let style: NumberStyle = isShare ? .percent : .ratio
        func shown(_ value: Double) -> String { (try? style.format(value)) ?? "—" }
        return "- \(name): \(shown(measured)) (target \(shown(required))): \(holds ? "met" : "not met")."
    }
}
