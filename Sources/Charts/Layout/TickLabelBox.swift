/// One tick label as laid out: its text, the tick value and the box its text occupies.
public struct TickLabelBox: Sendable, Hashable {
    /// The label as drawn.
    public let text: String
    /// The tick's data value (the band centre for categories).
    public let value: Double
    /// The box the text occupies in figure coordinates: advance width × (ascent + descent),
    /// as measured by Cairo; for rotated labels, the rotated box.
    public let box: Rect
    /// Whether the label is rotated 90° (reading upwards) to avoid overlapping its neighbours.
    public let rotated: Bool
}
