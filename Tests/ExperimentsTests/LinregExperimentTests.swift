import Datasets
import Records
import Runner
import Testing
@testable import Experiments

/// The `linreg` section on its tiny parameters: every family recorded, deterministic.
@Suite("linreg experiment")
struct LinregExperimentTests {
    /// The fetched inputs of this checkout (`make test` runs `make data` first).
    static let dataPaths = DataPaths(packageRoot: DataPaths.packageRoot(containing: #filePath)!)

    static func context(seed: UInt64) -> ExperimentContext {
        ExperimentContext(
            seed: seed, profile: .quick, threads: 1, dataPaths: dataPaths,
            progress: ProgressReporter(label: "linreg", output: .silent))
    }

    static func run(seed: UInt64 = 7) throws -> [TrialRecord] {
        try LinregExperiment().run(.tiny, context: context(seed: seed))
    }

    /// One run shared by the tests that only read records (a debug-build run takes seconds).
    static let shared = Result { try run() }

    @Test("tiny profile records every family and is identical across two runs")
    func everyFamilyDeterministic() throws {
        let first = try Self.shared.get(), second = try Self.run()
        let families = Set(first.compactMap { $0.parameters["family"]?.description })
        #expect(families == ["dataset", "arithmetic", "ptq-weights", "input-quantization", "qat"])
        #expect(first.map(\.withoutTimings) == second.map(\.withoutTimings))
        #expect(first.map(\.jsonLine) == second.map(\.jsonLine), "byte-identical records")
    }

    @Test("a different seed changes the synthetic problems")
    func seedMatters() throws {
        let a = try Self.shared.get().filter { $0.parameters["family"] == "arithmetic" }
        let b = try ArithmeticTrials(parameters: .tiny, context: Self.context(seed: 8)).run()
        #expect(a != b)
    }

    @Test("FP64 normal equations match QR at κ = 1; emulated arithmetics are labelled")
    func arithmeticSanity() throws {
        let records = try Self.shared.get().filter { $0.parameters["family"] == "arithmetic" && $0.parameters["kappa"] == .double(1) }
        let fp64 = try #require(records.first { $0.parameters["arithmetic"] == "fp64" && $0.parameters["solver"] == "normal-equations" })
        // At κ = 1 both solvers are backward stable: agreement to a few FP64 ulps times d.
        #expect(try #require(fp64.measurements["coefficientError"]).value < 1e-12)
        for r in records {
            let emulated = r.parameters["arithmetic"].map { ["fp16", "bf16", "fp16-acc32", "bf16-acc32"].contains($0.description) } ?? false
            #expect(r.parameters["emulated"] == .bool(emulated), "\(r.parameters)")
        }
    }

    @Test("INT8 weights cost almost nothing; every record has test RMSE with its unit")
    func ptqSanity() throws {
        let records = try Self.shared.get().filter { $0.parameters["family"] == "ptq-weights" }
        for r in records {
            let rmse = try #require(r.measurements["testRMSE"], "\(r.parameters)")
            #expect(rmse.value.isFinite && rmse.value > 0, "\(r.parameters)")
            #expect(rmse.unit == (r.parameters["dataset"] == "autompg" ? "mpg" : ""), "\(r.parameters)")
        }
        let int8 = records.filter { $0.parameters["format"] == "int8" && $0.parameters["symmetric"] == true }
        #expect(!int8.isEmpty)
        for r in int8 {
            // Symmetric INT8 per tensor: each weight moves by at most scale/2 = max|w|/254, so
            // ‖Δw‖ ≤ √d · max|w|/254 ≤ √d · ‖w‖/254, with d ≤ 10 features here.
            #expect(try #require(r.measurements["coefficientError"]).value <= 10.0.squareRoot() / 254, "\(r.parameters)")
        }
    }
}
