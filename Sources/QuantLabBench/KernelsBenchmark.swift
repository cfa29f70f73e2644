import Foundation
import Kernels
import QuantCore
import Tensor

/// Benchmarks of the Kernels module: GEMM at n = 4096 (FP32, BF16, INT8 on oneDNN) and GEMV at
/// batch 1 on the four projection shapes of a 7B Llama-style decoder (FP32, BF16, INT8, packed
/// INT4, W8A8 and W4A8 on every instruction path and INT4 layout) against the read bandwidth
/// measured in the same run.
///
/// Floors: INT8 GEMM ≥ 3.5× FP32, BF16 ≥ 1.8× (issue 5); the GEMV floors of issue 17 (see
/// `benchmarkGEMV`). Backends are timed in interleaved rounds (one run of
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
    if only != "gemm" { try benchmarkGEMV(floors: &floors) }
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
/// `between` runs untimed before each timed run and is handed the body about to run.
private func interleavedMedians(
    rounds: Int, _ bodies: [() throws -> Void], between: (() throws -> Void) throws -> Void = { _ in }
) throws -> [Double] {
    for body in bodies { try body() }
    var times = [[Double]](repeating: [], count: bodies.count)
    for _ in 0..<rounds {
        for (i, body) in bodies.enumerated() {
            try between(body)
            times[i].append(try seconds(body))
        }
    }
    return times.map(median)
}

/// The matmul section's GEMV protocol (`GEMVTrial`): per round and body, the eviction read, the
/// product timed cold, then the same product timed again right away, warm (its weights are the
/// last thing read). Interleaving the bodies with no read between them would not be warm: the
/// other kernels' weights evict each one's before it runs again. Medians after a warm-up round.
private func coldAndWarmMedians(
    rounds: Int, _ bodies: [() throws -> Void], eviction: ReadBandwidthProbe
) throws -> (cold: [Double], warm: [Double]) {
    for body in bodies { try body() }
    var cold = [[Double]](repeating: [], count: bodies.count), warm = cold
    for _ in 0..<rounds {
        for (i, body) in bodies.enumerated() {
            _ = eviction.run()
            cold[i].append(try seconds(body))
            warm[i].append(try seconds(body))
        }
    }
    return (cold.map(median), warm.map(median))
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

/// The weight shapes of a 7B Llama-style decoder layer at batch 1: attention projections
/// (4096×4096), MLP up/gate (11008×4096) and down (4096×11008), and the output head (32000×4096).
/// `KERNELS_SHAPES=1` keeps the first alone; `KERNELS_SHAPE=rows×columns` times that shape alone
/// (31 rounds, no floors), e.g. a few rows to see the fixed cost of a call.
private let llamaShapes: [(rows: Int, columns: Int, rounds: Int)] = [(4096, 4096, 31), (11008, 4096, 15), (4096, 11008, 15), (32000, 4096, 7)]

/// `KERNELS_SHAPE`'s `rows×columns` (or `rowsxcolumns`), nil when unset or malformed.
private func customShape() -> (rows: Int, columns: Int, rounds: Int)? {
    guard let text = ProcessInfo.processInfo.environment["KERNELS_SHAPE"] else { return nil }
    let parts = text.split(whereSeparator: { $0 == "×" || $0 == "x" }).compactMap { Int($0) }
    guard parts.count == 2, parts.allSatisfy({ $0 >= 1 }) else { return nil }
    return (parts[0], parts[1], 31)
}

/// GEMV at batch 1 on every Llama shape, cold (a 96 MiB read before the product evicts its
/// weights, as for a model whose layers exceed the cache) and warm (the same product again right
/// after: its weights stay in the 32 MiB L3 when they fit), every integer GEMV on every
/// instruction path this CPU runs and every INT8 and INT4 layout, all interleaved within each
/// round. oneDNN's FP32 and INT8 GEMV (warm only) at the first shape.
///
/// Floors (issue 17, at 4096×4096 and 11008×4096, ratios to our FP32 GEMV in the same run):
/// W4A8 ≥ 7× cold and ≥ 9× warm, W8A8 ≥ 3.9× cold, FP32 cold ≥ 95 % of the read bandwidth.
private func benchmarkGEMV(floors: inout FloorLedger) throws {
    let count = ProcessInfo.processInfo.environment["KERNELS_SHAPES"].flatMap(Int.init) ?? llamaShapes.count
    let probe = ReadBandwidthProbe(mebibytes: 256)
    let bandwidthTime = try interleavedMedians(rounds: 7, [{ _ = probe.run() }])[0]
    let bandwidth = Double(probe.bytes) / bandwidthTime / 1e9
    print("read bandwidth (SIMD sum of 256 MiB, \(probe.threads) threads): \(format(bandwidth)) GB/s")
    if let shape = customShape() {
        var unchecked = FloorLedger()
        try benchmarkGEMV(rows: shape.rows, columns: shape.columns, rounds: shape.rounds, bandwidth: bandwidth, oneDNN: false,
                          checkFloors: false, floors: &unchecked)
        return
    }
    for (index, shape) in llamaShapes.prefix(count).enumerated() {
        try benchmarkGEMV(rows: shape.rows, columns: shape.columns, rounds: shape.rounds, bandwidth: bandwidth, oneDNN: index == 0,
                          checkFloors: shape.columns == 4096 && shape.rows <= 11008, floors: &floors)
    }
}

private func benchmarkGEMV(
    rows: Int, columns: Int, rounds: Int, bandwidth: Double, oneDNN: Bool, checkFloors: Bool, floors: inout FloorLedger
) throws {
    var rng = SeededGenerator(seed: 11)
    let w = Tensor.normal(shape: [rows, columns], using: &rng)
    let x = (0..<columns).map { _ in Float(rng.nextNormal()) }
    let paths = IntegerGEMVPath.available.filter { $0 != .portable }
    // The defaults first (the floors' kernels), then every other path and layout.
    var kernels: [any MatvecKernel] = [
        try FloatMatvec(weights: w), try BFloat16Matvec(weights: w), try Int8Matvec(weights: w), try Int4Matvec(weights: w, groupSize: 128),
        try Int8Matvec(weights: w, activations: .int8), try Int4Matvec(weights: w, groupSize: 128, activations: .int8),
    ]
    let (w8a8, w4a8) = (4, 5)
    for layout in Int8Matvec.Layout.allCases {
        for path in paths where !(layout == Int8Matvec.defaultLayout && path == Int8Matvec.defaultPath) {
            kernels.append(try Int8Matvec(weights: w, activations: .int8, path: path, layout: layout))
        }
    }
    for layout in Int4Matvec.Layout.allCases {
        for path in paths where !(layout == Int4Matvec.defaultLayout && path == Int4Matvec.defaultPath) && !(layout == .lanePacked && path == .vnni512) {
            kernels.append(try Int4Matvec(weights: w, groupSize: 128, activations: .int8, layout: layout, path: path))
        }
    }
    var y = [Float](repeating: 0, count: rows)
    let bodies: [() -> Void] = kernels.map { k in { x.withUnsafeBufferPointer { px in y.withUnsafeMutableBufferPointer { k.apply(px, into: $0) } } } }

    // oneDNN alternatives: FP32 through dnnl_sgemm with n = 1, INT8 through dnnl_gemm_s8s8s32
    // with x quantized per tensor (timed with that quantization and the per-row rescale).
    var others: [() throws -> Void] = []
    if oneDNN {
        let int8 = try SymmetricIntegerMatrix(quantizing: w, bits: 8, axis: .rows)
        var acc = [Int32](repeating: 0, count: rows)
        others.append {
            try w.storage.withUnsafeBufferPointer { pw in
                try x.withUnsafeBufferPointer { px in try y.withUnsafeMutableBufferPointer { try sgemm(m: rows, n: 1, k: columns, a: pw, b: px, c: $0) } }
            }
        }
        others.append {
            let qx = try SymmetricIntegerMatrix(quantizing: Tensor(shape: [columns, 1], storage: x), bits: 8, axis: .tensor)
            try int8.codes.withUnsafeBufferPointer { pw in
                try qx.codes.withUnsafeBufferPointer { px in try acc.withUnsafeMutableBufferPointer { try gemmS8(m: rows, n: 1, k: columns, a: pw, b: px, c: $0) } }
            }
            for r in 0..<rows { y[r] = int8.scales[r] * qx.scales[0] * Float(acc[r]) }
        }
    }
    // Swift kernels and oneDNN in separate blocks (see runKernelsBenchmark); oneDNN's OpenMP
    // threads are also kept out of the cold runs.
    let eviction = ReadBandwidthProbe(mebibytes: 96)
    let (cold, warmSwift) = try coldAndWarmMedians(rounds: rounds, bodies, eviction: eviction)
    let warm = try warmSwift + interleavedMedians(rounds: rounds, others, between: { try $0() })
    print("GEMV \(rows)×\(columns), batch 1, medians of \(rounds) interleaved rounds")
    print("  \(pad("kernel", 84))  warm: ms    GB/s  %BW  ×FP32 | cold: ms    GB/s  %BW  ×FP32")
    let labels = kernels.map(\.label) + (oneDNN ? ["FP32 GEMV (oneDNN sgemm n=1)", "INT8 GEMV (oneDNN gemm_s8s8s32 n=1)"] : [])
    let bytes = kernels.map(\.weightBytes) + (oneDNN ? [rows * columns * 4, rows * columns + rows * 4] : [])
    for i in labels.indices {
        func cells(_ t: [Double]) -> String {
            guard i < t.count else { return "" }
            let gbs = Double(bytes[i]) / t[i] / 1e9
            return "\(pad(format(t[i] * 1e3, 3), 8)) \(pad(format(gbs), 6)) \(pad(format(100 * gbs / bandwidth, 0), 4)) \(pad(format(t[0] / t[i], 2), 5))"
        }
        print("  \(pad(labels[i], 84))  \(cells(warm)) |  \(cells(cold))")
    }
    guard checkFloors else { return }
    let shape = "\(rows)×\(columns)"
    let (int8, int4) = (2, 3)
    func share(_ i: Int, _ t: [Double]) -> Double { 100 * Double(bytes[i]) / t[i] / 1e9 / bandwidth }
    // Issue 17, at 4096×4096 and 11008×4096.
    floors.atLeast("GEMV \(shape) W4A8 speedup (cold)", cold[0] / cold[w4a8], 7)
    floors.atLeast("GEMV \(shape) W4A8 speedup (warm)", warm[0] / warm[w4a8], 9)
    floors.atLeast("GEMV \(shape) W8A8 speedup (cold)", cold[0] / cold[w8a8], 3.9)
    floors.atLeast("GEMV \(shape) FP32 share of read bandwidth (cold)", share(0, cold), 95, unit: " %")
    // Issue 5, cold: INT4 and INT8 weights with FP32 x at their speedups, every quantized GEMV at 70 % of the read bandwidth.
    floors.atLeast("GEMV \(shape) INT4 speedup (cold)", cold[0] / cold[int4], 5)
    floors.atLeast("GEMV \(shape) INT8 speedup (cold)", cold[0] / cold[int8], 3)
    for (name, i) in [("INT8", int8), ("INT4", int4), ("W8A8", w8a8), ("W4A8", w4a8)] {
        floors.atLeast("GEMV \(shape) \(name) share of read bandwidth (cold)", share(i, cold), 70, unit: " %")
    }
}
