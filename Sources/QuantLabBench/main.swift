// Benchmarks: run in release builds by `make bench`.
try runKernelsBenchmark()
try galleryBenchmark()
