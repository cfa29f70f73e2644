/// The grid of panels in a figure: rows and columns, each panel's cell, and which panels show
/// their axes' tick labels and titles when axes are shared.
struct PanelGrid {
    /// The figure being laid out.
    let figure: Figure
    /// How many panels the grid holds.
    let count: Int

    var rows: Int { (count + columns - 1) / columns }
    var columns: Int { max(1, min(figure.columns, count)) }

    func row(_ i: Int) -> Int { i / columns }
    func column(_ i: Int) -> Int { i % columns }
    /// Whether panel i shows x tick labels and title (with shared x, only the lowest in its column).
    func showsX(_ i: Int) -> Bool { !figure.sharedX || i + columns >= count }
    /// Whether panel i shows y tick labels and title (with shared y, only the left column).
    func showsY(_ i: Int) -> Bool { !figure.sharedY || column(i) == 0 }

    /// Equal cells for every panel in the figure area below the title lines, `Theme.panelGap`
    /// apart.
    func cells(below title: [PlacedText]) -> [Rect] {
        let top = (title.last.map { $0.box.maxY + 6 } ?? Theme.outerPadding)
        let area = Rect(
            x: Theme.outerPadding, y: top, width: figure.width - 2 * Theme.outerPadding,
            height: figure.height - top - Theme.outerPadding)
        let w = (area.width - Double(columns - 1) * Theme.panelGap) / Double(columns)
        let h = (area.height - Double(rows - 1) * Theme.panelGap) / Double(rows)
        return (0..<count).map { i in
            Rect(x: area.x + Double(column(i)) * (w + Theme.panelGap), y: area.y + Double(row(i)) * (h + Theme.panelGap), width: w, height: h)
        }
    }
}
