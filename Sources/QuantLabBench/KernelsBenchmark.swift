import Foundation
import Kernels
import QuantCore
import Tensor

/// Benchmarks of the Kernels module: GEMM at n = 4096 (FP32, BF16, INT8 on oneDNN) and GEMV at
/// batch 1 (FP32, BF16, INT8, packed INT4) against the read bandwidth measured in the same run.
///
/// Floors (issue 5): INT8 GEMM ≥ 3.5× FP32, BF16 ≥ 1.8×; GEMV INT4 ≥ 5× FP32, INT8 ≥ 3× FP32,
/// each at ≥ 70 % of the read bandwidth. Backends are timed in interleaved rounds (one run of
/// each per round) so that load from other processes on the shared cores spreads over all of
/// them; medians over rounds after warm-up.
func runKernelsBenchmark(floors: inout FloorLedger) throws {
    print("== Kernels: \(DNNLInfo()); Swift kernels on \(defaultKernelThreads) thread(s)")
    // Other jobs on the same cores change every absolute number; the load average says how much.
    if let load = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) {
        print("load average (1, 5, 15 min): \(load.split(separator: " ").prefix(3).joined(separator: ", "))")
    }
    // GEMV first: its Swift kernels then run before any oneDNN call has started OpenMP threads,
    // whose spin-waiting would otherwise compete with them for the two cores.
    // KERNELS_BENCH=gemv or =gemm runs one part alone.
    let only = ProcessInfo.processInfo.environment["KERNELS_BENCH"]
    if only != "gemm" { try benchmarkGEMV(rows: 4096, columns: 4096, rounds: 31, floors: &floors) }
    if only != "gemv" { try benchmarkGEMM(n: 4096, rounds: 5, floors: &floors) }
}

/// Wall time of `body` in seconds.
private func seconds(_ body: () throws -> Void) rethrows -> Double {
    let elapsed = try ContinuousClock().measure(body)
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
}

private func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

/// Times each body once per round, `rounds` rounds after one warm-up round; medians per body.
private func interleavedMedians(rounds: Int, _ bodies: [() throws -> Void], between: () -> Void = {}) throws -> [Double] {
    for body in bodies { try body() }
    var times = [[Double]](repeating: [], count: bodies.count)
    for _ in 0..<rounds {
        for (i, body) in bodies.enumerated() {
            between()
            times[i].append(try seconds(body))
        }
    }
    return times.map(median)
}

private func format(_ x: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", x) }
private func pad(_ s: String, _ n: Int) -> String { s.padding(toLength: n, withPad: " ", startingAt: 0) }

/// GEMM n×n×n: kernel-only time (execute on prepared operands), G(FL)OP/s, speedup over FP32,
/// the median time of `prepare` (conversion or quantization of A and B, and loading them into
/// the kernel's layout) and one end-to-end time (prepare + execute + product).
private func benchmarkGEMM(n: Int, rounds: Int, floors: inout FloorLedger) throws {
    var rng = SeededGenerator(seed: 4096)
    let a = Tensor.normal(shape: [n, n], using: &rng), b = Tensor.normal(shape: [n, n], using: &rng)
    let operations = 2 * Double(n) * Double(n) * Double(n)
    let kernels: [any MatmulKernel] = [
        try FloatMatmulKernel(precision: .fp32), try FloatMatmulKernel(precision: .bf16),
        try IntegerMatmulKernel(bits: 8, granularity: .perTensor),
        try IntegerMatmulKernel(bits: 8, granularity: .perRowAndColumn),
    ]
    var endToEnd: [Double] = []
    for kernel in kernels {
        endToEnd.append(try seconds { _ = try kernel.multiply(a, b) })
    }
    let prepare = try interleavedMedians(rounds: rounds, kernels.map { k in { try k.prepare(a: a, b: b) } })
    var c = [Float](repeating: 0, count: n * n)
    let sgemmBody: () throws -> Void = {
        try a.storage.withUnsafeBufferPointer { pa in
            try b.storage.withUnsafeBufferPointer { pb in
                try c.withUnsafeMutableBufferPointer { pc in try sgemm(m: n, n: n, k: n, a: pa, b: pb, c: pc) }
            }
        }
    }
    let times = try interleavedMedians(rounds: rounds, kernels.map { k in { try k.execute() } } + [sgemmBody])
    print("GEMM n=\(n): kernel only and prepare (quantize/convert + load), medians of \(rounds) interleaved rounds; end to end once (prepare + multiply + read out)")
    for (i, kernel) in kernels.enumerated() {
        print("  \(pad(kernel.label, 36)) \(format(times[i] * 1e3)) ms  \(format(operations / times[i] / 1e9, 0)) G(FL)OP/s"
              + "  speedup \(format(times[0] / times[i], 2))×  prepare \(format(prepare[i] * 1e3)) ms  end-to-end \(format(endToEnd[i] * 1e3)) ms  [\(kernel.implementation)]")
    }
    let s = times[kernels.count]
    print("  \(pad("oneDNN sgemm (plain row-major B)", 36)) \(format(s * 1e3)) ms  \(format(operations / s / 1e9, 0)) GFLOP/s  (FP32 alternative)")
    floors.atLeast("GEMM BF16 speedup", times[0] / times[1], 1.8)
    floors.atLeast("GEMM INT8 speedup", times[0] / times[2], 3.5)
}

/// GEMV rows×columns at batch 1, warm (weights may stay in the 32 MiB L3 between runs) and cold
/// (a 256 MiB read between runs evicts them, as for a model whose layers exceed the cache).
private func benchmarkGEMV(rows: Int, columns: Int, rounds: Int, floors: inout FloorLedger) throws {
    var rng = SeededGenerator(seed: 11)
    let w = Tensor.normal(shape: [rows, columns], using: &rng)
    let x = (0..<columns).map { _ in Float(rng.nextNormal()) }
    let kernels: [any MatvecKernel] = [
        try FloatMatvec(weights: w), try BFloat16Matvec(weights: w), try Int8Matvec(weights: w), try Int4Matvec(weights: w, groupSize: 128),
        try Int4Matvec(weights: w, groupSize: 128, activations: .int8), try Int8Matvec(weights: w, activations: .int8),
    ]
    var y = [Float](repeating: 0, count: rows)
    let bodies: [() -> Void] = kernels.map { k in { x.withUnsafeBufferPointer { px in y.withUnsafeMutableBufferPointer { k.apply(px, into: $0) } } } }

    // oneDNN alternatives: FP32 through dnnl_sgemm with n = 1, INT8 through dnnl_gemm_s8s8s32
    // with x quantized per tensor (timed with that quantization and the per-row rescale).
    let int8 = try SymmetricIntegerMatrix(quantizing: w, bits: 8, axis: .rows)
    var acc = [Int32](repeating: 0, count: rows)
    let dnnlFP32: () throws -> Void = {
        try w.storage.withUnsafeBufferPointer { pw in
            try x.withUnsafeBufferPointer { px in try y.withUnsafeMutableBufferPointer { try sgemm(m: rows, n: 1, k: columns, a: pw, b: px, c: $0) } }
        }
    }
    let dnnlINT8: () throws -> Void = {
        let qx = try SymmetricIntegerMatrix(quantizing: Tensor(shape: [columns, 1], storage: x), bits: 8, axis: .tensor)
        try int8.codes.withUnsafeBufferPointer { pw in
            try qx.codes.withUnsafeBufferPointer { px in try acc.withUnsafeMutableBufferPointer { try gemmS8(m: rows, n: 1, k: columns, a: pw, b: px, c: $0) } }
        }
        for r in 0..<rows { y[r] = int8.scales[r] * qx.scales[0] * Float(acc[r]) }
    }

    let probe = ReadBandwidthProbe(mebibytes: 256)
    let bandwidthTime = try interleavedMedians(rounds: 7, [{ _ = probe.run() }])[0]
    let bandwidth = Double(probe.bytes) / bandwidthTime / 1e9
    // Swift kernels and oneDNN in separate blocks (see runKernelsBenchmark); oneDNN's OpenMP
    // threads are also kept out of the cold runs' probe.
    let warm = try interleavedMedians(rounds: rounds, bodies) + interleavedMedians(rounds: rounds, [dnnlFP32, dnnlINT8])
    let cold = try interleavedMedians(rounds: 9, bodies, between: { _ = probe.run() })
    print("GEMV \(rows)×\(columns), batch 1; read bandwidth (SIMD sum of 256 MiB, \(probe.threads) threads): \(format(bandwidth)) GB/s")
    print("  \(pad("kernel", 36))  warm: ms    GB/s  %BW  ×FP32 | cold: ms    GB/s  %BW  ×FP32")
    let labels = kernels.map(\.label) + ["FP32 GEMV (oneDNN sgemm n=1)", "INT8 GEMV (oneDNN gemm_s8s8s32 n=1)"]
    let bytes = kernels.map(\.weightBytes) + [rows * columns * 4, rows * columns + rows * 4]
    for i in labels.indices {
        func cells(_ t: [Double]) -> String {
            guard i < t.count else { return "" }
            let gbs = Double(bytes[i]) / t[i] / 1e9
            return "\(pad(format(t[i] * 1e3, 3), 8)) \(pad(format(gbs), 6)) \(pad(format(100 * gbs / bandwidth, 0), 4)) \(pad(format(t[0] / t[i], 2), 5))"
        }
        print("  \(pad(labels[i], 36))  \(cells(warm)) |  \(cells(cold))")
    }
    for (name, t) in [("warm", warm), ("cold", cold)] {
        floors.atLeast("GEMV INT4 speedup (\(name))", t[0] / t[3], 5)
        floors.atLeast("GEMV INT4 × INT8 x speedup (\(name))", t[0] / t[4], 5)
        floors.atLeast("GEMV INT8 speedup (\(name))", t[0] / t[2], 3)
        floors.atLeast("GEMV INT8 × INT8 x speedup (\(name))", t[0] / t[5], 3)
        floors.atLeast("GEMV INT8 × INT8 x share of read bandwidth (\(name))", 100 * Double(bytes[5]) / t[5] / 1e9 / bandwidth, 70, unit: " %")
        floors.atLeast("GEMV INT4 × INT8 x share of read bandwidth (\(name))", 100 * Double(bytes[4]) / t[4] / 1e9 / bandwidth, 70, unit: " %")
        floors.atLeast("GEMV INT4 share of read bandwidth (\(name))", 100 * Double(bytes[3]) / t[3] / 1e9 / bandwidth, 70, unit: " %")
        floors.atLeast("GEMV INT8 share of read bandwidth (\(name))", 100 * Double(bytes[2]) / t[2] / 1e9 / bandwidth, 70, unit: " %")
    }
}
