/// One axis of a panel: its label, scale and optional fixed limits.
public struct Axis: Sendable, Hashable {
    /// Axis title, with units in brackets by convention (`"Matrix size n"`, `"Time [ms]"`).
    public var label: String?
    /// How values map to positions (linear by default).
    public var scale: Scale
    /// Fixed data limits; `nil` fits the data with a 5 % margin (bars and histograms start at 0).
    public var limits: ClosedRange<Double>?
    /// Whether to draw major grid lines across the panel at this axis's ticks.
    public var grid: Bool

    /// An axis with an optional title, a scale, optional fixed limits and grid lines.
    public init(_ label: String? = nil, scale: Scale = .linear, limits: ClosedRange<Double>? = nil, grid: Bool = true) {
        self.label = label
        self.scale = scale
        self.limits = limits
        self.grid = grid
    }
}
