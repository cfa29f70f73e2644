import Testing

@testable import Report

@Suite("Table")
struct TableTests {
    /// Widths worked out by hand: `INT8 \| packed` is 14 characters, `speedup (×)` 11.
    @Test func alignedMarkdown() throws {
        let table = Table(
            columns: [
                Table.Column("format"),
                Table.Column("time", style: .seconds(in: .milli)),
                Table.Column("speedup", style: .ratio),
                Table.Column("trials", style: .count),
            ],
            rows: [
                ["FP32", 0.0123, 1.0, 4096],
                ["INT8 | packed", 0.00042, 29.3, 12],
            ])
        let expected = """
            | format         | time (ms) | speedup (×) | trials |
            | :------------- | --------: | ----------: | -----: |
            | FP32           |      12.3 |        1.00 |  4,096 |
            | INT8 \\| packed |     0.420 |        29.3 |     12 |
            """
        #expect(try table.markdown() == expected)
    }

    @Test func autoScaledColumnKeepsUnitsInCells() throws {
        let table = Table(
            columns: [Table.Column("x", alignment: .center), Table.Column("size", style: .bytes)],
            rows: [["a", 14e9], ["b", .empty]])
        let expected = """
            | x   |    size |
            | :-: | ------: |
            | a   | 14.0 GB |
            | b   |         |
            """
        #expect(try table.markdown() == expected)
    }

    @Test func nanCellNamesRowAndColumn() {
        let table = Table(columns: [Table.Column("n"), Table.Column("time", style: .seconds(in: .milli))], rows: [["a", .number(.nan)]])
        let error = #expect(throws: ReportError.self) { try table.markdown(location: "table.matmul") }
        #expect(error?.description == "table.matmul, row 1, column time (ms) is nan; fix the analysis that produced it")
    }
}
