/// A continuous colour map from a value in 0...1 to a colour, for heatmaps and colour bars.
///
/// - `viridis`: sequential, perceptually uniform and colour-blind safe (van der Walt & Smith,
///   matplotlib 1.5): matplotlib's full 256-entry table, interpolated linearly between entries.
/// - `diverging`: ColorBrewer RdBu (Brewer 2003) reversed, blue (low) through near-white to red
///   (high), for signed data around a centre.
public enum Colormap: Sendable, Hashable {
    case viridis
    case diverging

    /// The colour at `t`, clamped to 0...1; NaN maps to the low end (callers skip NaN cells first).
    public func color(at t: Double) -> Color {
        let u = t.isNaN ? 0 : min(max(t, 0), 1)
        switch self {
        case .viridis:
            let table = Colormap.viridisTable
            let position = u * Double(table.count - 1)
            let i = min(Int(position), table.count - 2)
            let f = position - Double(i)
            let (a, b) = (table[i], table[i + 1])
            return Color(red: a.0 + (b.0 - a.0) * f, green: a.1 + (b.1 - a.1) * f, blue: a.2 + (b.2 - a.2) * f)
        case .diverging:
            let stops = Colormap.divergingStops
            let position = u * Double(stops.count - 1)
            let i = min(Int(position), stops.count - 2)
            return stops[i].mixed(with: stops[i + 1], position - Double(i))
        }
    }

    private static let divergingStops: [Color] = [
        0x053061, 0x2166AC, 0x4393C3, 0x92C5DE, 0xD1E5F0, 0xF7F7F7,
        0xFDDBC7, 0xF4A582, 0xD6604D, 0xB2182B, 0x67001F,
    ].map { Color(hex: $0) }
}
