/// Measures text with Cairo (DejaVu Sans, unhinted metrics) and caches the answers.
final class TextMeasurer {
    private let context: CairoContext
    private var widths: [String: Double] = [:]
    private var metrics: [Double: FontMetrics] = [:]

    init() throws {
        context = try CairoContext(try CairoSurface.image(width: 1, height: 1))
    }

    private func key(_ size: Double, _ bold: Bool) -> Double { bold ? -size : size }

    /// Advance width of `text` in points.
    func width(_ text: String, size: Double, bold: Bool = false) -> Double {
        let k = "\(key(size, bold))|\(text)"
        if let w = widths[k] { return w }
        context.setFont(size: size, bold: bold)
        let w = context.advance(text)
        widths[k] = w
        return w
    }

    /// Ascent and descent of the font at `size`.
    func metrics(size: Double, bold: Bool = false) -> FontMetrics {
        if let m = metrics[key(size, bold)] { return m }
        context.setFont(size: size, bold: bold)
        let m = context.fontMetrics()
        metrics[key(size, bold)] = m
        return m
    }

    /// Throws if any measurement put Cairo into an error state.
    func check() throws { try context.check("measuring text") }
}
