/// The colour scale of a panel's heatmap, drawn as a colour bar.
struct ColorScale: Hashable {
    var colormap: Colormap
    var range: ClosedRange<Double>
    var label: String?
}
