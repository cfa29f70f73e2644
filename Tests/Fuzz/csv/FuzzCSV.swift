import FuzzSupport
@testable import Datasets

/// The delimited-text reader behind every CSV loader. The first byte picks the separator (low
/// bit) and the column count (1…8); the rest is the file. Each row is read as a numeric table
/// would be, and each field as a bounded integer, as the label columns are.
@main enum FuzzCSV {
    static func main() {
        fuzz { bytes in
            guard let first = bytes.first else { return }
            let separator: DelimitedText.Separator = first & 1 == 0 ? .comma : .whitespace
            let file = DelimitedText(file: "fuzz.csv", bytes: Array(bytes.dropFirst()))
            _ = try? file.numericTable(separator: separator, columns: Int(first >> 1 & 7) + 1)
            try? file.forEachRow(separator: separator) { row in
                for column in 0..<row.count { _ = try? row.integer(column, in: -9...9, what: "label") }
            }
        }
    }
}
