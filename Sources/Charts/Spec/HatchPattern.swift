/// Lines drawn across a filled area (bars, histogram bars, legend patches), so filled series
/// differ in texture as well as colour and stay apart in greyscale print.
public enum HatchPattern: Sendable, Hashable, CaseIterable {
    case none, diagonal, backDiagonal, cross, horizontal
}
