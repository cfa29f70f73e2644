/// Plays draw operations onto a Cairo context.
enum ScenePlayer {
    static func play(_ ops: [DrawOp], on cr: CairoContext) throws {
        for op in ops {
            switch op {
            case .path(let elements, let stroke, let fill):
                cr.newPath()
                for e in elements {
                    switch e {
                    case .move(let p): cr.move(p)
                    case .line(let p): cr.line(p)
                    case .close: cr.closePath()
                    case .circle(let c, let r): cr.circle(c, radius: r)
                    case .rect(let r): cr.rectangle(r)
                    }
                }
                if let fill {
                    cr.setColor(fill)
                    if stroke != nil { cr.fillPreserve() } else { cr.fill() }
                }
                if let stroke {
                    cr.setColor(stroke.color)
                    cr.setLine(width: stroke.width, dash: stroke.dash, roundCaps: stroke.roundCaps)
                    cr.stroke()
                }
            case .text(let t):
                if let background = t.background {
                    cr.newPath()
                    cr.rectangle(t.box.insetBy(-1))
                    cr.setColor(background)
                    cr.fill()
                }
                cr.setFont(size: t.size, bold: t.bold)
                cr.setColor(t.color)
                cr.showText(t.text, at: t.origin, angle: t.angle)
            case .verticalGradient(let r, let colors):
                try cr.fillVerticalGradient(r, colors: colors)
            case .pushClip(let r):
                cr.save()
                cr.clip(r)
            case .popClip:
                cr.restore()
            }
        }
        try cr.check("drawing")
    }
}
