import Records

/// The section's performance floors (issue 5; benchmarks, not tests), checked on a run's records.
///
/// - GEMM at n = 4096 on the same engine: INT8 kernel ≥ 3.5× FP32, BF16 ≥ 1.8× FP32.
/// - GEMV 4096 × 4096 at batch 1: packed INT4 ≥ 5× FP32, INT8 ≥ 3× FP32, each at ≥ 70 % of the
///   read bandwidth measured in the same run. INT8 and packed INT4 are checked for both of their
///   kernels: FP32 x (`int8`, `int4`) and INT8 x (`w8a8`, `w4a8`). Judged on the cold GEMVs (weights evicted from the
///   caches before each repeat) when the run has them: a share of the read bandwidth means
///   something only when the weights come from memory.
/// - Issue 17, at 4096 × 4096 and 11008 × 4096 (llama.cpp's repacked Q4_0 as the mark): W4A8
///   ≥ 7× FP32 cold and ≥ 9× warm, W8A8 ≥ 3.9× cold, FP32 cold ≥ 95 % of the read bandwidth.
/// A floor whose trial is missing from the run (e.g. the quick profile has no n = 4096) is absent.
public struct MatmulFloors: Sendable {
    /// Every floor that the run has data for.
    public let checks: [FloorCheck]

    /// Checks the floors on a run.
    public init(_ records: MatmulRecords, gemmSize: Int = 4096, gemvShape: (rows: Int, columns: Int) = (4096, 4096)) {
        var checks: [FloorCheck] = []
        if records.timedSizes.contains(gemmSize),
           let curves = try? MatmulSpeedCurve.curves(records, kind: .kernel, baseline: .oneDNNFP32) {
            for (format, name, floor) in [("int8-tensor", "INT8", 3.5), ("bf16", "BF16", 1.8)] {
                guard let r = curves.first(where: { $0.format == format })?[size: gemmSize]?.ratio else { continue }
                checks.append(FloorCheck(name: "\(name) kernel speedup over oneDNN FP32 at n = \(gemmSize)", measured: r.estimate, required: floor, isShare: false))
            }
        }
        if let gemv = try? GEMVSummary(records) {
            let cache = gemv.hasCold ? "cold" : "warm"
            for (weights, speedup) in [("int4", 5.0), ("w4a8", 5.0), ("int8", 3.0), ("w8a8", 3.0)] {
                guard let row = gemv.row(rows: gemvShape.rows, columns: gemvShape.columns, weights: weights, cache: cache) else { continue }
                let shape = "\(gemvShape.rows)×\(gemvShape.columns)\(cache == "cold" ? ", weights from memory," : "")"
                let name = ["int4": "INT4 (FP32 x)", "w4a8": "INT4 × INT8 x (W4A8)", "int8": "INT8 (FP32 x)", "w8a8": "INT8 × INT8 x (W8A8)"][weights]!
                checks.append(FloorCheck(name: "GEMV \(shape) \(name) speedup", measured: row.speedup.estimate, required: speedup, isShare: false))
                checks.append(FloorCheck(name: "GEMV \(shape) \(name) share of read bandwidth", measured: row.bandwidthShare, required: 0.7, isShare: true))
            }
            for (rows, columns) in [(4096, 4096), (11008, 4096)] {
                let floors: [(weights: String, cache: String, speedup: Double)] = [("w4a8", "cold", 7), ("w4a8", "warm", 9), ("w8a8", "cold", 3.9)]
                for (weights, cache, speedup) in floors {
                    guard let row = gemv.row(rows: rows, columns: columns, weights: weights, cache: cache) else { continue }
                    let name = weights == "w4a8" ? "W4A8" : "W8A8"
                    checks.append(FloorCheck(name: "GEMV \(rows)×\(columns) \(name) speedup (\(cache))", measured: row.speedup.estimate, required: speedup, isShare: false))
                }
                if let fp32 = gemv.row(rows: rows, columns: columns, weights: "fp32", cache: "cold") {
                    checks.append(FloorCheck(name: "GEMV \(rows)×\(columns) FP32 share of read bandwidth (cold)", measured: fp32.bandwidthShare, required: 0.95, isShare: true))
                }
            }
        }
        self.checks = checks
    }
}
