// Benchmarks: run in release builds by `make bench` (Haswell target: AVX2, FMA, F16C), each
// printed against its floor. A missed INT8 quantization floor makes the exit status non-zero
// after every benchmark has printed.
//
// `quantlab-bench [NAME ...]` runs only the named benchmarks (int8, conversions, kernels,
// gallery, report), in that order; no name runs them all.
import Foundation

let names = ["int8", "conversions", "kernels", "gallery", "report"]
let requested = Array(CommandLine.arguments.dropFirst())
if let unknown = requested.first(where: { !names.contains($0) }) {
    let message = "quantlab-bench: unknown benchmark '\(unknown)' (expected one of \(names.joined(separator: ", ")))\n"
    FileHandle.standardError.write(Data(message.utf8))
    exit(2)
}
func selected(_ name: String) -> Bool { requested.isEmpty || requested.contains(name) }

var int8Floor = true
if selected("int8") { int8Floor = Int8QuantizationBenchmark().run(); print() }
if selected("conversions") { ConversionBenchmark().run(); print() }
if selected("kernels") { try runKernelsBenchmark() }
if selected("gallery") { try galleryBenchmark() }
if selected("report") { try runReportBenchmark() }
if !int8Floor { exit(1) }
