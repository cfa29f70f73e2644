import ChartGallery
import Charts
import Foundation
import Report

/// Times what `quantlab gallery` does (layout, PNG and SVG of every gallery figure, each written
/// atomically to a temporary directory) and prints the median of several runs; the floor is
/// under 2 s in a release build.
func galleryBenchmark(repeats: Int = 5, floors: inout FloorLedger) throws {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("quantlab-gallery-bench-\(ProcessInfo.processInfo.processIdentifier)")
    defer { try? FileManager.default.removeItem(at: directory) }
    let renderer = ChartRenderer()
    func renderGallery() throws {
        for entry in Gallery.figures {
            try renderer.renderInMemory(entry.figure).writeFiles(to: directory.appendingPathComponent(entry.name))
        }
    }
    // Warm-up: loading fonts and filling Cairo's glyph caches are one-off costs per process.
    try renderGallery()
    var seconds: [Double] = []
    for _ in 0..<repeats {
        let start = DispatchTime.now().uptimeNanoseconds
        try renderGallery()
        seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    seconds.sort()
    print(String(
        format: "== Charts: gallery of %d figures (PNG + SVG), median %.3f s (min %.3f, max %.3f) over %d runs",
        Gallery.figures.count, seconds[seconds.count / 2], seconds.first!, seconds.last!, repeats))
    floors.atMost("gallery, median", seconds[seconds.count / 2], 2)
}
