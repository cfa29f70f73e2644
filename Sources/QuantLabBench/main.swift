// Benchmarks: run in release builds by `make bench` (Haswell target: AVX2, FMA, F16C), each
// printed against its floor. A missed INT8 quantization floor makes the exit status non-zero
// after every benchmark has printed.
#if canImport(Glibc)
import Glibc
#endif

let int8Floor = Int8QuantizationBenchmark().run()
print()
ConversionBenchmark().run()
print()
try runKernelsBenchmark()
try galleryBenchmark()
try runReportBenchmark()
if !int8Floor { exit(1) }
