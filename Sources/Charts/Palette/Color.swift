/// An sRGB colour with straight (not premultiplied) alpha, each channel in 0...1.
public struct Color: Sendable, Hashable {
    /// Red channel in 0...1 (sRGB).
    public var red: Double
    /// Green channel in 0...1 (sRGB).
    public var green: Double
    /// Blue channel in 0...1 (sRGB).
    public var blue: Double
    /// Opacity in 0...1 (straight, not premultiplied).
    public var alpha: Double

    /// A colour from sRGB channels in 0...1 and an opacity.
    public init(red: Double, green: Double, blue: Double, alpha: Double = 1) {
        self.red = red
        self.green = green
        self.blue = blue
        self.alpha = alpha
    }

    /// A colour from a 24-bit `0xRRGGBB` literal.
    public init(hex: UInt32, alpha: Double = 1) {
        self.init(
            red: Double((hex >> 16) & 0xFF) / 255, green: Double((hex >> 8) & 0xFF) / 255,
            blue: Double(hex & 0xFF) / 255, alpha: alpha)
    }

    /// The same colour with another alpha.
    public func withAlpha(_ a: Double) -> Color {
        Color(red: red, green: green, blue: blue, alpha: a)
    }

    /// Linear interpolation in sRGB between `self` (t = 0) and `other` (t = 1).
    public func mixed(with other: Color, _ t: Double) -> Color {
        Color(
            red: red + (other.red - red) * t, green: green + (other.green - green) * t,
            blue: blue + (other.blue - blue) * t, alpha: alpha + (other.alpha - alpha) * t)
    }

    /// Relative luminance (ITU-R BT.709 weights on sRGB values; good enough to pick black or white text).
    public var luminance: Double { 0.2126 * red + 0.7152 * green + 0.0722 * blue }

    /// Opaque black.
    public static let black = Color(hex: 0x000000)
    /// Opaque white.
    public static let white = Color(hex: 0xFFFFFF)
    /// Axis frame, tick marks and tick labels.
    static let ink = Color(hex: 0x262626)
    /// Major grid lines: light enough to sit behind the data.
    static let grid = Color(hex: 0xE6E6E6)
    /// Reference lines and their labels.
    static let reference = Color(hex: 0x555555)
}
