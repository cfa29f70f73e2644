/// One floor checked on a run's records (a speedup, a share of bandwidth, an accuracy): the
/// measured value, the required one and whether it holds. Chapters show them in the report, and
/// `quantlab report` lists every chapter's checks when it ends.
public struct FloorCheck: Sendable, Equatable {
    /// What is checked, e.g. `INT8 kernel speedup at n = 4096`.
    public let name: String
    /// The run's value.
    public let measured: Double
    /// The floor the value must reach.
    public let required: Double
    /// Whether both are shares of a whole (shown as percentages) rather than ratios.
    public let isShare: Bool

    /// A check.
    public init(name: String, measured: Double, required: Double, isShare: Bool) {
        self.name = name
        self.measured = measured
        self.required = required
        self.isShare = isShare
    }

    /// Whether the measured value reaches the floor: `measured ≥ required`.
    public var holds: Bool { measured >= required }
}
