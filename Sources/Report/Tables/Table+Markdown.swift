import Foundation

extension Table {
    /// The table as a GitHub-flavoured Markdown pipe table, padded so columns line up.
    ///
    /// Delimiter cells are `:---` (left), `---:` (right) or `:---:` (center), as wide as the
    /// column. Width is counted in Swift `Character`s, which matches a monospace editor for the
    /// text the report uses (`µ`, `×` and `·` are one column wide). A `|` inside a cell is
    /// escaped as `\|`. No trailing newline.
    /// - Parameter location: Names the table in errors (`Table matmul-summary`).
    /// - Returns: Header row, delimiter row and body rows joined by newlines.
    /// - Throws: `ReportError.nonFiniteNumber` naming the row and column of a NaN or ±∞ cell.
    public func markdown(location: String = "table") throws -> String {
        let header = columns.map { Self.escape($0.header) }
        var body: [[String]] = []
        for (rowIndex, row) in rows.enumerated() {
            var texts: [String] = []
            for (cell, column) in zip(row, columns) {
                if let value = cell.numbers.first(where: { !$0.isFinite }) {
                    throw ReportError.nonFiniteNumber(
                        location: "\(location), row \(rowIndex + 1), column \(column.header)", value: value)
                }
                texts.append(try Self.text(of: cell, in: column))
            }
            body.append(texts)
        }
        // GFM needs at least three characters in a delimiter cell (`---`).
        let widths = columns.indices.map { index in
            ([header[index]] + body.map { $0[index] }).map(\.count).max()!.clamped(atLeast: 3)
        }
        let delimiter = columns.indices.map { Self.delimiter(columns[$0].alignment, width: widths[$0]) }
        let lines = [pad(header, widths)] + [Self.row(delimiter)] + body.map { pad($0, widths) }
        return lines.joined(separator: "\n")
    }

    private func pad(_ cells: [String], _ widths: [Int]) -> String {
        Self.row(cells.indices.map { index in
            let gap = String(repeating: " ", count: widths[index] - cells[index].count)
            return columns[index].alignment == .right ? gap + cells[index] : cells[index] + gap
        })
    }

    private static func row(_ cells: [String]) -> String {
        "| " + cells.joined(separator: " | ") + " |"
    }

    private static func delimiter(_ alignment: Alignment, width: Int) -> String {
        switch alignment {
        case .left: ":" + String(repeating: "-", count: width - 1)
        case .right: String(repeating: "-", count: width - 1) + ":"
        case .center: ":" + String(repeating: "-", count: width - 2) + ":"
        }
    }

    private static func text(of cell: Cell, in column: Column) throws -> String {
        switch cell {
        case .text(let text):
            return escape(text)
        case .empty:
            return ""
        case .number(let value):
            let style = column.style!
            return style.fixedUnit == nil ? try style.format(value) : try style.formatNumber(value)
        case .interval(let estimate, let lower, let upper):
            return try column.style!.formatInterval(estimate, lower: lower, upper: upper, withUnit: column.style!.fixedUnit == nil)
        }
    }

    private static func escape(_ text: String) -> String {
        precondition(!text.contains("\n"), "table cell with a line break: \(text)")
        return text.replacingOccurrences(of: "|", with: "\\|")
    }
}

extension Table.Cell {
    /// The numbers a cell prints, for the NaN check.
    fileprivate var numbers: [Double] {
        switch self {
        case .number(let value): [value]
        case .interval(let estimate, let lower, let upper): [estimate, lower, upper]
        case .text, .empty: []
        }
    }
}

extension Int {
    fileprivate func clamped(atLeast minimum: Int) -> Int { Swift.max(self, minimum) }
}
