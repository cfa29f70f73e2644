extension Margins {
    /// Margins that line plot areas up: per grid column the largest left and right margin, per
    /// row the largest top and bottom one, never below the `previous` margins (so the
    /// layout's rounds of growing margins end).
    static func aligned(_ needed: [Margins], previous: [Margins], grid: PanelGrid) -> [Margins] {
        var out = previous
        for i in previous.indices {
            let sameColumn = previous.indices.filter { grid.column($0) == grid.column(i) }
            let sameRow = previous.indices.filter { grid.row($0) == grid.row(i) }
            out[i].left = max(previous[i].left, sameColumn.map { needed[$0].left }.max()!)
            out[i].right = max(previous[i].right, sameColumn.map { needed[$0].right }.max()!)
            out[i].top = max(previous[i].top, sameRow.map { needed[$0].top }.max()!)
            out[i].bottom = max(previous[i].bottom, sameRow.map { needed[$0].bottom }.max()!)
        }
        return out
    }
}
