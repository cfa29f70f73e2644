// Benchmarks: run in release builds by `make bench`, each printed against its floor.
try runKernelsBenchmark()
try galleryBenchmark()
try runReportBenchmark()
