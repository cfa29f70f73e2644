/// One layer of a panel. Marks draw in a fixed stacking order whatever their order in the panel
/// (heatmap, bands, bars and histograms, reference lines, lines and steps, error bars, scatter,
/// annotations), so a band listed after its line still sits behind it.
public enum Mark: Sendable, Hashable {
    case line(Line)
    case scatter(Scatter)
    case step(Step)
    case groupedBars(GroupedBars)
    case stackedBars(StackedBars)
    case errorBars(ErrorBars)
    case band(Band)
    case histogram(Histogram)
    case heatmap(Heatmap)
    case referenceLine(ReferenceLine)
    case annotation(Annotation)
}
