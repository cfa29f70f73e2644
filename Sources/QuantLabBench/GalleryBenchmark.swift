import Charts
import Foundation

/// Times `Gallery.render(into:)` (what `quantlab gallery` does: layout, PNG and SVG of every
/// gallery figure, written to a temporary directory) and prints the median of several runs;
/// the target is under 2 s in a release build.
func galleryBenchmark(repeats: Int = 5) throws {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("quantlab-gallery-bench-\(ProcessInfo.processInfo.processIdentifier)").path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    // Warm-up: loading fonts and filling Cairo's glyph caches are one-off costs per process.
    _ = try Gallery.render(into: directory)
    var seconds: [Double] = []
    for _ in 0..<repeats {
        let start = DispatchTime.now().uptimeNanoseconds
        _ = try Gallery.render(into: directory)
        seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    seconds.sort()
    print(String(
        format: "== Charts: gallery of %d figures (PNG + SVG), median %.3f s (min %.3f, max %.3f) over %d runs; target < 2 s",
        Gallery.figures.count, seconds[seconds.count / 2], seconds.first!, seconds.last!, repeats))
}
