/// Lays out a figure: domains, grid cells, margins measured from the actual tick labels, tick
/// thinning or rotation so labels never overlap, legend placement, and every text position.
///
/// Margins depend on tick labels and tick labels on the plot size, so margins are grown until
/// the labels of the resulting plot areas fit (they only grow, so this ends in a few rounds).
/// Plot areas line up: a grid column shares left and right margins, a row top and bottom ones.
/// Each job has its own type: `AxisDomains`, `FigureTitle`, `PanelGrid`, `Margins.aligned`,
/// `PanelLayouter` (one panel), `TickLabelPlacer`, `LegendSize`, `LegendPlacer`,
/// `DataOccupancy` and `PlotLabelPlacer`.
struct Layouter {
    let figure: Figure
    let panels: [PreparedPanel]
    let measure: TextMeasurer

    /// The figure's layout, each panel's full geometry, and the placed title lines.
    func layout() -> (FigureLayout, [PanelGeometry], [PlacedText]) {
        let grid = PanelGrid(figure: figure, count: panels.count)
        let title = FigureTitle.lines(figure, measure: measure)
        let cells = grid.cells(below: title)
        let domains = AxisDomains.domains(figure, panels)
        let panelLayouters = panels.indices.map { i in
            PanelLayouter(spec: figure.panels[i], panel: panels[i], showsX: grid.showsX(i), showsY: grid.showsY(i), measure: measure)
        }
        var legendOutside = figure.panels.map { $0.legend == .outsideRight }
        var geometries: [PanelGeometry] = []
        var margins = [Margins](repeating: Margins(left: 20, right: 6, top: 4, bottom: 16), count: panels.count)
        for _ in 0..<2 {
            // Grow aligned margins until what the panels need fits in what they got.
            for _ in 0..<8 {
                var needed = margins
                geometries = []
                for i in panels.indices {
                    let (g, need) = panelLayouters[i].geometry(cell: cells[i], margins: margins[i], domain: domains[i], legendOutside: legendOutside[i])
                    geometries.append(g)
                    needed[i] = need
                }
                let aligned = Margins.aligned(needed, previous: margins, grid: grid)
                if aligned == margins { break }
                margins = aligned
            }
            // A `.best` legend that covers data in every corner moves outside; margins then change.
            var moved = false
            for i in panels.indices where figure.panels[i].legend == .best && !legendOutside[i] {
                if let legend = geometries[i].layout.legend, legend.outside {
                    legendOutside[i] = true
                    moved = true
                }
            }
            if !moved { break }
        }
        let layout = FigureLayout(width: figure.width, height: figure.height, title: FigureTitle.box(title), panels: geometries.map(\.layout))
        return (layout, geometries, title)
    }
}
