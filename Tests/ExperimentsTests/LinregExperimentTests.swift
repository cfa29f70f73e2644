import Datasets
import Records
import Runner
import Testing
@testable import Experiments

private typealias Parameter = LinregSchema.Parameter
private typealias Metric = LinregSchema.Metric

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
        let families = Set(first.compactMap(LinregSchema.family(of:)))
        #expect(families == [.dataset, .arithmetic, .ptqWeights, .inputQuantization, .qat, .qatEpoch])
        #expect(first.map(\.withoutTimings) == second.map(\.withoutTimings))
        #expect(first.map(\.jsonLine) == second.map(\.jsonLine), "byte-identical records")
    }

    @Test("a different seed changes the synthetic problems")
    func seedMatters() throws {
        let a = LinregSchema.records(.arithmetic, in: try Self.shared.get())
        let b = try ArithmeticTrials(parameters: .tiny, context: Self.context(seed: 8)).run()
        #expect(a != b)
    }

    @Test("FP64 normal equations match QR at κ = 1; emulated arithmetics are labelled")
    func arithmeticSanity() throws {
        let records = try Self.shared.get().matching(LinregSchema.parameters(.arithmetic, [.kappa: .double(1)]))
        let fp64 = try #require(records.matching([Parameter.arithmetic: "fp64", .solver: "normal-equations"]).first)
        // At κ = 1 both solvers are backward stable: agreement to a few FP64 ulps times d.
        #expect(try #require(fp64[Metric.coefficientError]).value < 1e-12)
        for r in records {
            let emulated = r[Parameter.arithmetic].map { ["fp16", "bf16", "fp16-acc32", "bf16-acc32"].contains($0.description) } ?? false
            #expect(r[Parameter.emulated] == .bool(emulated), "\(r.parameters)")
        }
    }

    @Test("INT8 weights cost almost nothing; every record has test RMSE with its unit")
    func ptqSanity() throws {
        let records = LinregSchema.records(.ptqWeights, in: try Self.shared.get())
        for r in records {
            let rmse = try #require(r[Metric.testRMSE], "\(r.parameters)")
            #expect(rmse.value.isFinite && rmse.value > 0, "\(r.parameters)")
            #expect(rmse.unit == (r[Parameter.dataset] == "autompg" ? "mpg" : ""), "\(r.parameters)")
        }
        let int8 = records.matching([Parameter.format: "int8", .symmetric: true])
        #expect(!int8.isEmpty)
        for r in int8 {
            // Symmetric INT8 per tensor: each weight moves by at most scale/2 = max|w|/254, so
            // ‖Δw‖ ≤ √d · max|w|/254 ≤ √d · ‖w‖/254, with d ≤ 10 features here.
            #expect(try #require(r[Metric.coefficientError]).value <= 10.0.squareRoot() / 254, "\(r.parameters)")
        }
    }
}
