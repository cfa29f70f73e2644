/// The pixels of a rendered PNG, read back from Cairo's image surface (RGBA, straight alpha).
public struct Bitmap: Sendable, Hashable {
    /// Size in device pixels (figure size in points × `scale`).
    public let width: Int
    /// Height in device pixels.
    public let height: Int
    /// Device pixels per point (2 for the PNG).
    public let scale: Double
    /// Row-major RGBA bytes, 4 per pixel.
    public let rgba: [UInt8]

    init(width: Int, height: Int, scale: Double, rgba: [UInt8]) {
        self.width = width
        self.height = height
        self.scale = scale
        self.rgba = rgba
    }

    /// The colour of the device pixel at column `x`, row `y`.
    public func color(pixelX x: Int, pixelY y: Int) -> Color {
        precondition(x >= 0 && x < width && y >= 0 && y < height, "Bitmap: pixel (\(x), \(y)) outside \(width)×\(height)")
        let i = 4 * (y * width + x)
        return Color(
            red: Double(rgba[i]) / 255, green: Double(rgba[i + 1]) / 255,
            blue: Double(rgba[i + 2]) / 255, alpha: Double(rgba[i + 3]) / 255)
    }

    /// The colour of the device pixel that covers `point` (figure coordinates in points).
    public func color(at point: Point) -> Color {
        color(
            pixelX: min(max(Int(point.x * scale), 0), width - 1),
            pixelY: min(max(Int(point.y * scale), 0), height - 1))
    }
}
