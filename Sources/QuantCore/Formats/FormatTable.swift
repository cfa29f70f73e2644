/// The facts of a list of formats as an aligned plain-text table (`quantlab formats`).
public struct FormatTable: Sendable {
    /// The formats, one row each, in order.
    public let formats: [any NumberFormat]

    /// Every format QuantLab quantizes to, widest first.
    public static let builtIn = FormatTable(formats: FloatFormat.all.map { $0 as any NumberFormat } + [
        IntegerFormat.int8, IntegerFormat.uint8, IntegerFormat.int4, IntegerFormat.int2, LookupTableFormat.nf4,
    ])

    /// A table of the given formats.
    public init(formats: [any NumberFormat]) { self.formats = formats }

    /// Column titles.
    public static let header = ["format", "name", "bits", "exp/mant", "max", "min normal", "min subnormal", "epsilon", "finite values"]

    /// One row of cells per format; `—` where a fact does not apply. Values print as the
    /// shortest decimal that reads back to the same `Float` (all facts are exact `Float`s).
    public var rows: [[String]] {
        func number(_ x: Double?) -> String { x.map { "\(Float($0))" } ?? "—" }
        return formats.map { f in
            let split = f.exponentBits.map { e in "\(e)/\(f.mantissaBits!)" } ?? "—"
            return [f.displayName, f.name, "\(f.bits)", split, number(f.maxFinite), number(f.minNormal),
                    number(f.minSubnormal), number(f.epsilon), "\(f.distinctFiniteValues)"]
        }
    }

    /// The table, columns padded to their widest cell, with a note on how values are counted.
    public var text: String {
        let all = [Self.header] + rows
        let widths = Self.header.indices.map { c in all.map { $0[c].count }.max()! }
        let lines = all.map { row in
            row.enumerated().map { c, cell in c == row.count - 1 ? cell : cell.padding(to: widths[c]) }.joined(separator: "  ")
        }
        return (lines + ["", "finite values: distinct finite numbers, ±0 counted once; integers: codes, scaled by the quantizer's scale."])
            .joined(separator: "\n")
    }
}

extension String {
    fileprivate func padding(to width: Int) -> String {
        self + String(repeating: " ", count: max(0, width - count))
    }
}
