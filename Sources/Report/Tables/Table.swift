/// A table of results, written as a GitHub-flavoured Markdown pipe table.
///
/// Numeric columns carry a `NumberStyle`: their unit goes in the header (`time (ms)`) when the
/// style has a fixed unit, and their cells are right-aligned (`---:`) so digits line up. Every
/// column is padded to its widest cell, so the raw Markdown reads aligned as well
/// (GitHub Flavored Markdown spec, section 4.10 "Tables").
public struct Table: Sendable, Equatable {
    /// How a column's cells are aligned.
    public enum Alignment: Sendable, Equatable {
        /// `:---`, for text.
        case left
        /// `:---:`.
        case center
        /// `---:`, for numbers.
        case right
    }

    /// One column: its header, how its numbers are written and how its cells are aligned.
    public struct Column: Sendable, Equatable {
        /// The header text without unit.
        public var title: String
        /// How numbers in this column are written; `nil` for a text column.
        public var style: NumberStyle?
        /// How cells are aligned.
        public var alignment: Alignment

        /// A column.
        /// - Parameters:
        ///   - title: The header without unit (`time`); the style's unit is appended (`time (ms)`).
        ///   - style: The number style of a numeric column; `nil` for text.
        ///   - alignment: Defaults to right for numeric columns and left for text.
        public init(_ title: String, style: NumberStyle? = nil, alignment: Alignment? = nil) {
            self.title = title
            self.style = style
            self.alignment = alignment ?? (style == nil ? .left : .right)
        }

        /// The header as printed: `title (unit)` when the style has a fixed unit.
        public var header: String {
            guard let unit = style?.fixedUnit else { return title }
            return "\(title) (\(unit))"
        }
    }

    /// One cell: text, a number written in its column's style, or nothing.
    public enum Cell: Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByFloatLiteral,
        ExpressibleByIntegerLiteral
    {
        /// Markdown text, printed as is (a `|` is escaped).
        case text(String)
        /// A number, written in the column's style; NaN and ±∞ are errors.
        case number(Double)
        /// A number with its confidence interval, written in the column's style with the digits
        /// the interval's width supports (`NumberStyle.formatInterval`): `3.52 [3.41, 3.60]`.
        case interval(Double, lower: Double, upper: Double)
        /// Nothing (a blank cell).
        case empty

        /// Text from a literal.
        public init(stringLiteral value: String) { self = .text(value) }
        /// A number from a literal.
        public init(floatLiteral value: Double) { self = .number(value) }
        /// A number from an integer literal.
        public init(integerLiteral value: Int) { self = .number(Double(value)) }
    }

    /// The columns, left to right.
    public var columns: [Column]
    /// The rows, top to bottom; each has one cell per column.
    public var rows: [[Cell]]

    /// A table.
    /// - Parameters:
    ///   - columns: At least one column.
    ///   - rows: Each row must have exactly one cell per column, and a `.number` cell must sit in
    ///     a column with a style (programmer errors, checked by precondition).
    public init(columns: [Column], rows: [[Cell]]) {
        precondition(!columns.isEmpty, "a table needs at least one column")
        for (index, row) in rows.enumerated() {
            precondition(row.count == columns.count, "row \(index) has \(row.count) cells for \(columns.count) columns")
            for (cell, column) in zip(row, columns) {
                switch cell {
                case .number, .interval:
                    precondition(column.style != nil, "number in text column \(column.title), row \(index)")
                case .text, .empty: break
                }
            }
        }
        self.columns = columns
        self.rows = rows
    }
}
