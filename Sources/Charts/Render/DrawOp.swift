/// A drawing instruction. A figure becomes a list of these once, and the list is played onto
/// the PNG and the SVG surface alike, so both show exactly the same geometry.
enum DrawOp {
    case path([PathElement], stroke: Stroke?, fill: Color?)
    case text(PlacedText)
    /// A rectangle filled bottom to top through evenly spaced colour stops.
    case verticalGradient(Rect, [Color])
    case pushClip(Rect)
    case popClip
}
