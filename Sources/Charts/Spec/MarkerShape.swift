/// The shape drawn at each data point of a line or scatter series.
public enum MarkerShape: Sendable, Hashable, CaseIterable {
    case circle, square, triangleUp, diamond, triangleDown, cross, plus, star
}
