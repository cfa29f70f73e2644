/// A figure rendered in memory: the contents of its PNG and SVG files, the PNG's pixels, the
/// layout, and what was skipped.
///
/// Charts writes no files; the caller writes the two files itself, for example atomically:
///
/// ```swift
/// let rendered = try ChartRenderer().renderInMemory(figure)
/// try AtomicFile.write(rendered.png, to: base.appendingPathExtension("png"))
/// try AtomicFile.write(rendered.svg, to: base.appendingPathExtension("svg"))
/// for warning in rendered.warnings { print("note: \(warning)") }
/// ```
public struct RenderedFigure: Sendable {
    /// The PNG file's bytes (2× device scale), to be written as they are to a `.png` file.
    public let png: [UInt8]
    /// The SVG document, ids normalised, with `<title>` and `<desc>`: the text of an `.svg`
    /// file, to be written as UTF-8.
    public let svg: String
    /// The PNG's pixels, for probing colours at figure points.
    public let bitmap: Bitmap
    /// The geometry the figure was drawn with.
    public let layout: FigureLayout
    /// Every skipped or dropped value, per series: show these to the user next to the files
    /// written (each is one line).
    public let warnings: [ChartWarning]
    /// Facts worth stating next to the figure, such as a histogram's bin rule and width.
    public let notes: [String]

    /// Total NaN/±Inf values skipped across the figure.
    public var skippedNonFinite: Int { ChartWarning.nonFiniteTotal(warnings) }

    /// Total values ≤ 0 dropped from log axes across the figure.
    public var droppedNonPositive: Int { ChartWarning.nonPositiveTotal(warnings) }
}
