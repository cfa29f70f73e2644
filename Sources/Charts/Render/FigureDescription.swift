/// The SVG `<desc>`: the alt text, then per panel its axes with their tick labels and its series,
/// then notes such as bin rules.
///
/// Cairo writes text as glyph outlines, so tick labels are not searchable in the drawing itself;
/// repeating them here makes the SVG's numbers findable and readable by assistive technology.
enum FigureDescription {
    static func text(_ figure: Figure, _ layout: FigureLayout, notes: [String]) -> String {
        var lines = [figure.altText]
        for (i, (spec, panel)) in zip(figure.panels, layout.panels).enumerated() {
            var parts: [String] = []
            let head = "Panel \(i + 1)" + (spec.title.map { " “\($0)”" } ?? "")
            parts.append(axis("x", spec.x, panel.x.scale, panel.xTicks))
            parts.append(axis("y", spec.y, panel.y.scale, panel.yTicks))
            if let legend = panel.legend { parts.append("series: " + legend.labels.joined(separator: ", ")) }
            lines.append(head + ": " + parts.joined(separator: "; ") + ".")
        }
        return (lines + notes).joined(separator: "\n")
    }

    private static func axis(_ name: String, _ spec: Axis, _ scale: Scale, _ ticks: AxisTicks) -> String {
        let label = spec.label.map { " “\($0)”" } ?? ""
        return "\(name) axis\(label) (\(scale.name)) ticks " + ticks.labels.joined(separator: ", ")
    }
}
