/// Draws a `Figure` with Cairo into PNG (2× device scale) and SVG.
///
/// The figure is prepared (bad values skipped and counted), laid out with text measured by
/// Cairo, turned into one list of draw operations, and that list is played onto an image surface
/// and an SVG surface. Same figure, same machine: byte-identical SVG and identical PNG pixels.
public struct ChartRenderer: Sendable {
    /// Device pixels per point in the PNG: 2 gives 144 dpi, sharp on high-density screens.
    public var deviceScale: Double

    /// A renderer whose PNG has `deviceScale` pixels per point.
    public init(deviceScale: Double = 2) {
        precondition(deviceScale > 0, "ChartRenderer: device scale \(deviceScale) must be positive")
        self.deviceScale = deviceScale
    }

    /// The prepared, laid-out figure and its draw operations.
    struct Scene {
        var ops: [DrawOp]
        var layout: FigureLayout
        var warnings: [ChartWarning]
        var notes: [String]
    }

    func scene(_ figure: Figure) throws -> Scene {
        precondition(!figure.panels.isEmpty, "Figure \(figure.title ?? figure.altText): no panels")
        precondition(figure.width > 0 && figure.height > 0, "Figure: size \(figure.width)×\(figure.height) pt must be positive")
        var prepared: [PreparedPanel] = []
        var warnings: [ChartWarning] = []
        for (i, panel) in figure.panels.enumerated() {
            var preparer = PanelPreparer(index: i, panel: panel)
            prepared.append(try preparer.prepare())
            warnings += preparer.warnings
        }
        let measure = try TextMeasurer()
        let (layout, geometries, title) = Layouter(figure: figure, panels: prepared, measure: measure).layout()
        let ops = SceneBuilder(figure: figure, panels: prepared, geometries: geometries, title: title, measure: measure).build()
        try measure.check()
        return Scene(ops: ops, layout: layout, warnings: warnings, notes: prepared.flatMap(\.notes))
    }

    /// The layout geometry alone (plot areas, mappings, tick label boxes, legends), for tests.
    public func layout(_ figure: Figure) throws -> FigureLayout {
        try scene(figure).layout
    }

    /// Renders into memory: the PNG bytes and SVG text for the caller to write, the PNG's pixels,
    /// the layout, and what was skipped. Charts writes no files.
    ///
    /// - Throws: `ChartError` for a Cairo failure or a log axis left with no positive value.
    public func renderInMemory(_ figure: Figure) throws -> RenderedFigure {
        let scene = try scene(figure)
        let (png, bitmap) = try renderPNG(scene, figure)
        let svg = try renderSVG(scene, figure)
        return RenderedFigure(png: png, svg: svg, bitmap: bitmap, layout: scene.layout, warnings: scene.warnings, notes: scene.notes)
    }

    private func renderPNG(_ scene: Scene, _ figure: Figure) throws -> ([UInt8], Bitmap) {
        let surface = try CairoSurface.image(
            width: Int((figure.width * deviceScale).rounded(.up)), height: Int((figure.height * deviceScale).rounded(.up)))
        let cr = try CairoContext(surface)
        cr.scale(deviceScale)
        try ScenePlayer.play(scene.ops, on: cr)
        // Reading the pixels back for `bitmap` costs under 1 ms a figure, about 4 % of rendering
        // the gallery (release build, measured), so writers get it too rather than a second API.
        return (try surface.pngBytes(), try surface.bitmap(scale: deviceScale))
    }

    private func renderSVG(_ scene: Scene, _ figure: Figure) throws -> String {
        let surface = try CairoSurface.svg(width: figure.width, height: figure.height)
        do {
            let cr = try CairoContext(surface)
            try ScenePlayer.play(scene.ops, on: cr)
        }
        let bytes = try surface.finishSVG()
        return SVGPostProcessor.process(bytes, title: figure.title ?? figure.altText, description: FigureDescription.text(figure, scene.layout, notes: scene.notes))
    }
}
