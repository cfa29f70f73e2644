// Benchmarks: run in release builds by `make bench`.
print("no benchmarks yet")
