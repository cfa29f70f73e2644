// Benchmarks: run in release builds by `make bench` (Haswell target: AVX2, FMA, F16C).
// Each benchmark prints its figures; a missed floor makes the exit status non-zero.
#if canImport(Glibc)
import Glibc
#endif

let int8Floor = Int8QuantizationBenchmark().run()
print()
ConversionBenchmark().run()
exit(int8Floor ? 0 : 1)
