/// Where a panel's legend goes.
public enum LegendPlacement: Sendable, Hashable {
    /// Inside, in the corner that covers no plotted data; outside on the right when every corner does.
    case best
    /// Always outside, to the right of the plot area.
    case outsideRight
    /// No legend.
    case hidden
}
