import Analysis
import Records
import Testing

/// The linreg chapter's numbers from small hand-made record sets.
@Suite("LinregAnalysis")
struct LinregAnalysisTests {
    static func qat(_ method: String, bits: Int, fold: Int, rmse: Double, targets: String = "weights") -> TrialRecord {
        LinregSchema.record(
            .qat,
            [.dataset: "d", .repeatIndex: 0, .fold: .int(fold), .method: .string(method), .bits: .int(bits),
             .targets: .string(method == "fp32" ? "none" : targets), .seed: 0],
            [.testRMSE: Measurement(rmse, unit: "mpg")])
    }

    @Test("error against bits: medians and per-fold ratios to FP32")
    func bits() throws {
        // Fold 0 is twice as hard as fold 1; PTQ costs +10 % on both, so every ratio is 1.1.
        let records = [
            Self.qat("fp32", bits: 32, fold: 0, rmse: 2), Self.qat("fp32", bits: 32, fold: 1, rmse: 1),
            Self.qat("ptq", bits: 4, fold: 0, rmse: 2.2), Self.qat("ptq", bits: 4, fold: 1, rmse: 1.1),
        ]
        let points = LinregAnalysis.errorAgainstBits(records)
        #expect(points.count == 1)
        let p = try #require(points.first)
        #expect(p.method == "ptq" && p.bits == 4 && p.count == 2)
        #expect(abs(p.relativeToFP32.estimate - 1.1) < 1e-12)
        #expect(abs(p.medianRMSE - 1.65) < 1e-12, "median of 2.2 and 1.1")
    }

    @Test("coefficient error against κ leaves failed fits out and counts them")
    func kappa() throws {
        func fit(_ error: Double, failed: Bool) -> TrialRecord {
            LinregSchema.record(
                .arithmetic,
                [.arithmetic: "fp16", .solver: "normal-equations", .kappa: 100.0, .emulated: true, .seed: 0],
                [.coefficientError: Measurement(error), .testRMSE: Measurement(failed ? .nan : 0.1),
                 .failed: Measurement(failed ? 1 : 0)])
        }
        let points = LinregAnalysis.coefficientErrorAgainstKappa([fit(0.2, failed: false), fit(.nan, failed: true), fit(0.4, failed: false)])
        let p = try #require(points.first)
        #expect(p.failures == 1 && p.count == 3 && p.emulated && p.kappa == 100)
        #expect(abs(p.medianCoefficientError - 0.3) < 1e-12)
    }

    @Test("best configuration per bit width picks the lowest median RMSE")
    func best() throws {
        func ptq(_ format: String, bits: Int, symmetric: Bool, rmse: Double) -> TrialRecord {
            LinregSchema.record(
                .ptqWeights,
                [.dataset: "d", .repeatIndex: 0, .fold: 0, .format: .string(format), .bits: .int(bits), .symmetric: .bool(symmetric)],
                [.testRMSE: Measurement(rmse, unit: "mpg")])
        }
        let records = [
            ptq("fp64", bits: 64, symmetric: true, rmse: 1.0),
            ptq("int4", bits: 4, symmetric: true, rmse: 1.3), ptq("int4", bits: 4, symmetric: false, rmse: 1.2),
            ptq("nf4", bits: 4, symmetric: true, rmse: 1.25),
            Self.qat("qat-lsq", bits: 4, fold: 0, rmse: 1.1), Self.qat("ptq", bits: 4, fold: 0, rmse: 0.5),
            ptq("int2", bits: 2, symmetric: true, rmse: 2.0),
        ]
        let best = LinregAnalysis.bestConfigurations(records)
        #expect(best.map(\.bits) == [4, 2])
        #expect(best[0].configuration == "qat-lsq", "the qat family's own PTQ rows are not candidates")
        #expect(best[1].configuration == "ptq int2 symmetric")
        #expect(best[0].baselineRMSE == 1.0 && best[0].unit == "mpg")
    }
}
