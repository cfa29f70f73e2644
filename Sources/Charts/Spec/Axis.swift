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
    /// Whether ticks sit on integers only (a count such as bits: no tick at 2.5 bits); applies
    /// to linear axes.
    public var integerTicks: Bool

    /// The title as drawn: a logarithmic axis (log10, log2, symlog) says so, `Time [ms] (log)`,
    /// unless its title already names the scale; a reader cannot tell 1, 10, 100 spaced evenly
    /// from a linear axis at a glance.
    public var displayLabel: String? {
        guard let label else { return nil }
        switch scale {
        case .log10, .log2, .symlog:
            return label.lowercased().contains("log") ? label : "\(label) (log)"
        case .linear, .categorical:
            return label
        }
    }

    /// An axis with an optional title, a scale, optional fixed limits and grid lines.
    public init(
        _ label: String? = nil, scale: Scale = .linear, limits: ClosedRange<Double>? = nil, grid: Bool = true,
        integerTicks: Bool = false
    ) {
        self.label = label
        self.scale = scale
        self.limits = limits
        self.grid = grid
        self.integerTicks = integerTicks
    }
}
