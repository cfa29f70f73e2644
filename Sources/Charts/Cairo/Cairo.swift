// Every call into Cairo lives in this file: the rest of the module sees only the two final
// classes below, Swift types in their signatures, and a thrown `ChartError` for any bad status.
internal import CCairo

/// Collects the bytes Cairo streams out (SVG documents, PNG files).
final class ByteSink {
    var bytes: [UInt8] = []
}

/// Cairo's stream callback: appends to the `ByteSink` passed as the closure pointer.
private func appendToSink(_ closure: UnsafeMutableRawPointer?, _ data: UnsafePointer<UInt8>?, _ length: UInt32) -> cairo_status_t {
    guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
    let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
    sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
    return CAIRO_STATUS_SUCCESS
}

private func statusText(_ status: cairo_status_t) -> String {
    String(cString: cairo_status_to_string(status))
}

/// Owns a `cairo_surface_t`: an ARGB32 image or an SVG document streamed into memory.
final class CairoSurface {
    let handle: OpaquePointer
    /// Receives the SVG stream; the surface keeps it alive because Cairo holds a raw pointer to it.
    private let sink: ByteSink?

    private init(handle: OpaquePointer, sink: ByteSink?, operation: String) throws {
        self.handle = handle
        self.sink = sink
        let status = cairo_surface_status(handle)
        if status != CAIRO_STATUS_SUCCESS {
            throw ChartError.cairo(operation: operation, status: statusText(status))
        }
    }

    deinit { cairo_surface_destroy(handle) }

    /// An opaque-capable ARGB32 image of `width`×`height` device pixels.
    static func image(width: Int, height: Int) throws -> CairoSurface {
        let handle = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height))!
        return try CairoSurface(handle: handle, sink: nil, operation: "image surface \(width)×\(height)")
    }

    /// An SVG 1.1 document of `width`×`height` points, written into memory.
    static func svg(width: Double, height: Double) throws -> CairoSurface {
        let sink = ByteSink()
        let closure = Unmanaged.passUnretained(sink).toOpaque()
        let handle = cairo_svg_surface_create_for_stream(appendToSink, closure, width, height)!
        let surface = try CairoSurface(handle: handle, sink: sink, operation: "SVG surface \(width)×\(height) pt")
        cairo_svg_surface_restrict_to_version(handle, CAIRO_SVG_VERSION_1_1)
        cairo_svg_surface_set_document_unit(handle, CAIRO_SVG_UNIT_PT)
        try surface.check("SVG surface setup")
        return surface
    }

    func check(_ operation: String) throws {
        let status = cairo_surface_status(handle)
        if status != CAIRO_STATUS_SUCCESS {
            throw ChartError.cairo(operation: operation, status: statusText(status))
        }
    }

    /// Finishes an SVG surface and returns the complete document.
    func finishSVG() throws -> [UInt8] {
        cairo_surface_finish(handle)
        try check("finishing SVG")
        return sink?.bytes ?? []
    }

    /// The image surface encoded as PNG.
    func pngBytes() throws -> [UInt8] {
        cairo_surface_flush(handle)
        let sink = ByteSink()
        let status = cairo_surface_write_to_png_stream(handle, appendToSink, Unmanaged.passUnretained(sink).toOpaque())
        if status != CAIRO_STATUS_SUCCESS {
            throw ChartError.cairo(operation: "encoding PNG", status: statusText(status))
        }
        return withExtendedLifetime(sink) { sink.bytes }
    }

    /// The image surface's pixels as straight-alpha RGBA.
    func bitmap(scale: Double) throws -> Bitmap {
        cairo_surface_flush(handle)
        try check("reading pixels")
        let width = Int(cairo_image_surface_get_width(handle))
        let height = Int(cairo_image_surface_get_height(handle))
        let stride = Int(cairo_image_surface_get_stride(handle))
        guard let data = cairo_image_surface_get_data(handle) else {
            throw ChartError.cairo(operation: "reading pixels", status: "no image data")
        }
        var rgba = [UInt8](repeating: 0, count: width * height * 4)
        for y in 0..<height {
            // ARGB32 is a native-endian 32-bit word per pixel with premultiplied alpha.
            let row = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
            for x in 0..<width {
                let word = row[x]
                let a = UInt32((word >> 24) & 0xFF)
                let unpremultiply = { (c: UInt32) -> UInt8 in a == 0 ? 0 : UInt8(min(255, (c * 255 + a / 2) / a)) }
                let i = 4 * (y * width + x)
                rgba[i] = unpremultiply((word >> 16) & 0xFF)
                rgba[i + 1] = unpremultiply((word >> 8) & 0xFF)
                rgba[i + 2] = unpremultiply(word & 0xFF)
                rgba[i + 3] = UInt8(a)
            }
        }
        return Bitmap(width: width, height: height, scale: scale, rgba: rgba)
    }
}

/// Owns a `cairo_t` drawing onto a `CairoSurface`.
final class CairoContext {
    let handle: OpaquePointer
    /// The target surface, retained so it outlives the context.
    private let surface: CairoSurface

    init(_ surface: CairoSurface) throws {
        self.surface = surface
        handle = cairo_create(surface.handle)!
        try check("creating context")
        // Unhinted outlines and unhinted metrics: text measures the same at every scale and on
        // every surface, so the layout computed once serves both PNG and SVG.
        let options = cairo_font_options_create()!
        defer { cairo_font_options_destroy(options) }
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_set_font_options(handle, options)
        try check("setting font options")
    }

    deinit { cairo_destroy(handle) }

    /// Throws if the context has entered an error state (Cairo errors are sticky, so checking
    /// after a batch of drawing calls catches any one of them).
    func check(_ operation: String) throws {
        let status = cairo_status(handle)
        if status != CAIRO_STATUS_SUCCESS {
            throw ChartError.cairo(operation: operation, status: statusText(status))
        }
    }

    func scale(_ s: Double) { cairo_scale(handle, s, s) }
    func save() { cairo_save(handle) }
    func restore() { cairo_restore(handle) }

    func setColor(_ c: Color) { cairo_set_source_rgba(handle, c.red, c.green, c.blue, c.alpha) }

    /// Line width in points, dash lengths in points, round or butt caps.
    func setLine(width: Double, dash: [Double], roundCaps: Bool) {
        cairo_set_line_width(handle, width)
        dash.withUnsafeBufferPointer { cairo_set_dash(handle, $0.baseAddress, Int32($0.count), 0) }
        cairo_set_line_cap(handle, roundCaps ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT)
        cairo_set_line_join(handle, CAIRO_LINE_JOIN_ROUND)
    }

    func newPath() { cairo_new_path(handle) }
    func move(_ p: Point) { cairo_move_to(handle, p.x, p.y) }
    func line(_ p: Point) { cairo_line_to(handle, p.x, p.y) }
    func closePath() { cairo_close_path(handle) }
    func rectangle(_ r: Rect) { cairo_rectangle(handle, r.x, r.y, r.width, r.height) }

    func circle(_ center: Point, radius: Double) {
        cairo_new_sub_path(handle)
        cairo_arc(handle, center.x, center.y, radius, 0, 2 * Double.pi)
        cairo_close_path(handle)
    }

    func fillPreserve() { cairo_fill_preserve(handle) }
    func fill() { cairo_fill(handle) }
    func stroke() { cairo_stroke(handle) }

    func clip(_ r: Rect) {
        cairo_rectangle(handle, r.x, r.y, r.width, r.height)
        cairo_clip(handle)
    }

    /// Fills `r` with a linear gradient from `colors.first` at the bottom edge to `colors.last`
    /// at the top, stops evenly spaced.
    func fillVerticalGradient(_ r: Rect, colors: [Color]) throws {
        let pattern = cairo_pattern_create_linear(r.x, r.maxY, r.x, r.y)!
        defer { cairo_pattern_destroy(pattern) }
        for (k, c) in colors.enumerated() {
            let offset = colors.count > 1 ? Double(k) / Double(colors.count - 1) : 0
            cairo_pattern_add_color_stop_rgba(pattern, offset, c.red, c.green, c.blue, c.alpha)
        }
        let status = cairo_pattern_status(pattern)
        if status != CAIRO_STATUS_SUCCESS {
            throw ChartError.cairo(operation: "creating gradient", status: statusText(status))
        }
        cairo_set_source(handle, pattern)
        cairo_rectangle(handle, r.x, r.y, r.width, r.height)
        cairo_fill(handle)
    }

    func paint(_ c: Color) {
        setColor(c)
        cairo_paint(handle)
    }

    func setFont(size: Double, bold: Bool) {
        cairo_select_font_face(handle, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(handle, size)
    }

    /// Horizontal advance of `text` in the current font (points).
    func advance(_ text: String) -> Double {
        var extents = cairo_text_extents_t()
        cairo_text_extents(handle, text, &extents)
        return extents.x_advance
    }

    func fontMetrics() -> FontMetrics {
        var extents = cairo_font_extents_t()
        cairo_font_extents(handle, &extents)
        return FontMetrics(ascent: extents.ascent, descent: extents.descent)
    }

    /// Draws `text` with its baseline origin at `origin`, rotated by `angle` radians about it.
    func showText(_ text: String, at origin: Point, angle: Double) {
        cairo_save(handle)
        cairo_translate(handle, origin.x, origin.y)
        if angle != 0 { cairo_rotate(handle, angle) }
        cairo_move_to(handle, 0, 0)
        cairo_show_text(handle, text)
        cairo_restore(handle)
    }
}
