/// One cell of the report's decision table: what one chapter measured about one format or
/// scheme, already formatted (a number with its unit, or a short measured statement).
///
/// Chapters hand their entries to the study, which assembles the table in the pros-and-cons
/// chapter: a format measured by any chapter gets a row, and a column stays empty where no
/// chapter measured it. Entries are data, not prose: each comes from the chapter's records.
public struct DecisionEntry: Sendable, Equatable {
    /// The format or scheme (the table's rows, in a fixed order).
    public enum Row: String, Sendable, CaseIterable, DeclarationOrdered {
        case fp16 = "FP16"
        case bf16 = "BF16"
        case fp8e4m3 = "FP8 E4M3"
        case fp8e5m2 = "FP8 E5M2"
        case int8PerTensor = "INT8 per-tensor"
        case int8PerChannel = "INT8 per-channel (weights)"
        case w8a8 = "W8A8 (INT8 weights and activations)"
        case int4Group = "INT4 group-wise (weights)"
        case w4a8 = "W4A8"
        case nf4 = "NF4 (weights)"
        case lowBitQAT = "≤ 4-bit with QAT"
    }

    /// What was measured (the table's columns, in a fixed order).
    public enum Column: String, Sendable, CaseIterable, DeclarationOrdered {
        case memory = "bits per weight (scales included)"
        case speed = "speed on this CPU"
        case matmul = "matrix product error"
        case linreg = "linear regression"
        case vision = "digit CNN accuracy"
        case encoder = "sentence encoder"
        case decoder = "character LM"
        case cpuCost = "a cost of this CPU"
        case formatCost = "a cost of the format"
    }

    /// The row.
    public var row: Row
    /// The column.
    public var column: Column
    /// The cell's Markdown text, e.g. `3.52× (n = 4096)`.
    public var text: String

    /// An entry.
    public init(_ row: Row, _ column: Column, _ text: String) {
        self.row = row
        self.column = column
        self.text = text
    }
}

/// An enumeration ordered as its cases are declared (the table's row and column order).
public protocol DeclarationOrdered: CaseIterable, Comparable where AllCases.Index == Int {}

extension DeclarationOrdered {
    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// The decision table assembled from every chapter's entries.
public enum DecisionTable {
    /// One row per format with any entry, the columns any entry fills; two entries for one
    /// cell are joined with "; " in the order given.
    public static func table(_ entries: [DecisionEntry]) -> Table {
        let rows = Set(entries.map(\.row)).sorted()
        let columns = Set(entries.map(\.column)).sorted()
        return Table(
            columns: [.init("format or scheme")] + columns.map { .init($0.rawValue) },
            rows: rows.map { row in
                [.text(row.rawValue)] + columns.map { column in
                    let texts = entries.filter { $0.row == row && $0.column == column }.map(\.text)
                    return texts.isEmpty ? .empty : .text(texts.joined(separator: "; "))
                }
            })
    }
}

extension [String: TemplateValue] {
    /// The printed value at a dotted path through records (`int8_channel.cosine`), or `nil`.
    public func printed(_ path: String) -> String? {
        let keys = path.split(separator: ".").map(String.init)
        guard var value = self[keys[0]] else { return nil }
        for key in keys.dropFirst() {
            guard let child = value.child(key) else { return nil }
            value = child
        }
        return value.printed()
    }
}

extension TemplateValue {
    /// The text a template would print for a text or a finite number; `nil` for anything else
    /// (flags, lists, records, NaN), so that a decision cell is built only from a printable value.
    public func printed() -> String? {
        switch self {
        case .text(let text): return text == "—" ? nil : text
        case .number(let value, let style): return value.isFinite ? try? style.format(value) : nil
        default: return nil
        }
    }
}
