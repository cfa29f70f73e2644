// Benchmarks: run in release builds by `make bench` (Haswell target: AVX2, FMA, F16C), each
// printed against its floor. Any missed floor makes the exit status 1 after every benchmark
// has printed, with one line per missed floor on standard error (`FloorLedger`).
//
// `quantlab-bench [NAME ...]` runs only the named benchmarks (int8, conversions, kernels,
// gallery, report, encoder), in that order; no name runs them all. `encoder` measures the
// PyTorch peer beside ours when `make peers` has installed it, and says it skipped it otherwise.
import Foundation

let names = ["int8", "conversions", "kernels", "gallery", "report", "encoder"]
let requested = Array(CommandLine.arguments.dropFirst())
if let unknown = requested.first(where: { !names.contains($0) }) {
    let message = "quantlab-bench: unknown benchmark '\(unknown)' (expected one of \(names.joined(separator: ", ")))\n"
    FileHandle.standardError.write(Data(message.utf8))
    exit(2)
}
func selected(_ name: String) -> Bool { requested.isEmpty || requested.contains(name) }

var floors = FloorLedger()
if selected("int8") { Int8QuantizationBenchmark().run(floors: &floors); print() }
if selected("conversions") { ConversionBenchmark().run(); print() }
if selected("kernels") { try runKernelsBenchmark(floors: &floors) }
if selected("gallery") { try galleryBenchmark(floors: &floors) }
if selected("report") { try runReportBenchmark(floors: &floors) }
if selected("encoder") { try EncoderBenchmark().run(floors: &floors); print() }
floors.exitOnMissedFloors()
