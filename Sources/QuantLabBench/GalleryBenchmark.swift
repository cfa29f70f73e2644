import Charts
import Foundation

/// Times rendering the whole chart gallery (layout, PNG and SVG, in memory) and prints the
/// median of several runs; the target is under 2 s in a release build.
///
/// Files are not written, so the number measures the renderer, not the disk.
func galleryBenchmark(repeats: Int = 5) throws {
    let renderer = ChartRenderer()
    let figures = Gallery.figures
    // Warm-up: font loading and Cairo's caches are first-use costs, not per-figure ones.
    _ = try renderer.renderInMemory(figures[0].figure)
    var seconds: [Double] = []
    for _ in 0..<repeats {
        let start = DispatchTime.now().uptimeNanoseconds
        for entry in figures {
            _ = try renderer.renderInMemory(entry.figure)
        }
        seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    seconds.sort()
    let median = seconds[seconds.count / 2]
    print(String(format: "gallery: %d figures, median %.3f s (min %.3f, max %.3f) over %d runs; target < 2 s",
                 figures.count, median, seconds.first!, seconds.last!, repeats))
}
