import Foundation

/// The tidy `trials.csv` format: one row per trial, one column per parameter, then one per measurement.
///
/// Columns are the union over all records: parameters sorted by name, then measurements sorted
/// by name, each measurement header carrying its unit (`time_ms`, `bandwidth_GB_per_s`; a
/// dimensionless measurement keeps its bare name). A record lacking a column leaves the cell
/// empty (read as NA by pandas and R). Cells are quoted per RFC 4180 when they hold a comma,
/// quote or line break; numbers use Swift's shortest round-trip form, non-finite ones `inf`,
/// `-inf`, `nan` (which pandas and R both parse).
public enum TrialsCSV {
    /// The CSV text of `records`, with a header row; lines end in `\n`.
    public static func text(of records: [TrialRecord]) -> String {
        let parameterNames = Set(records.flatMap(\.parameters.keys)).sorted()
        var units: [String: String] = [:]
        for record in records {
            for (name, m) in record.measurements where units[name] == nil { units[name] = m.unit }
        }
        let measurementNames = units.keys.sorted()
        var rows = [parameterNames + measurementNames.map { header(name: $0, unit: units[$0]!) }]
        for record in records {
            rows.append(
                parameterNames.map { record.parameters[$0]?.description ?? "" }
                    + measurementNames.map { record.measurements[$0].map { number($0.value) } ?? "" })
        }
        return rows.map { $0.map(quoted).joined(separator: ",") + "\n" }.joined()
    }

    /// The column header of a measurement: `name_unit`, with `/` spelled `_per_` and other
    /// characters outside `[A-Za-z0-9_]` replaced by `_`, so it is a valid R and pandas name.
    public static func header(name: String, unit: String) -> String {
        guard !unit.isEmpty else { return name }
        let spelled = unit.replacingOccurrences(of: "/", with: "_per_")
        let safe = String(spelled.unicodeScalars.map { s -> Character in
            (s.properties.isAlphabetic && s.isASCII) || ("0"..."9").contains(s) || s == "_" ? Character(s) : "_"
        })
        return name + "_" + safe
    }

    /// Splits CSV text (RFC 4180) into rows of cells; used by tests and by readers of old results.
    public static func rows(of text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var cell = ""
        var inQuotes = false
        var iterator = text.makeIterator()
        var pending: Character? = nil
        while let c = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if c == "\"" {
                    let next = iterator.next()
                    if next == "\"" { cell.append("\"") } else { inQuotes = false; pending = next }
                } else { cell.append(c) }
            } else if c == "\"" {
                inQuotes = true
            } else if c == "," {
                row.append(cell); cell = ""
            } else if c == "\n" {
                row.append(cell); rows.append(row); row = []; cell = ""
            } else {
                cell.append(c)
            }
        }
        if !cell.isEmpty || !row.isEmpty { row.append(cell); rows.append(row) }
        return rows
    }

    static func number(_ x: Double) -> String {
        x.isNaN ? "nan" : x.isInfinite ? (x < 0 ? "-inf" : "inf") : x.description
    }

    private static func quoted(_ cell: String) -> String {
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
