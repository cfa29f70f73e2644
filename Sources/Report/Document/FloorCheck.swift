/// One of a section's own acceptance targets checked on its run (a performance floor such as
/// "INT8 kernel ≥ 3.5× FP32 at n = 4096"): our acceptance list, not the reader's, so the
/// reproducibility appendix lists it, not the chapter.
public struct FloorCheck: Sendable, Equatable {
    /// What is checked (`INT8 kernel speedup over oneDNN FP32 at n = 4096`).
    public var name: String
    /// The run's value, formatted (`3.61×`).
    public var measured: String
    /// The target, formatted (`3.50×`).
    public var required: String
    /// Whether the measured value reaches the target.
    public var holds: Bool

    /// A check.
    public init(name: String, measured: String, required: String, holds: Bool) {
        self.name = name
        self.measured = measured
        self.required = required
        self.holds = holds
    }

    /// The appendix line: `- INT8 …: 3.61× (target 3.50×): met.`
    var markdown: String { "- \(name): \(measured) (target \(required)): \(holds ? "met" : "not met")." }
}
