/// A line dash pattern; lengths scale with the line width so patterns read the same at any weight.
public enum DashPattern: Sendable, Hashable, CaseIterable {
    case solid, dashed, dotted, dashDot, longDash

    /// On/off lengths in multiples of the line width (empty for solid).
    var unitLengths: [Double] {
        switch self {
        case .solid: []
        case .dashed: [4, 2.2]
        case .dotted: [1, 1.7]
        case .dashDot: [4, 1.7, 1, 1.7]
        case .longDash: [8, 2.5]
        }
    }
}
