import Analysis
import Records
import Testing

/// The linreg chapter's numbers from small hand-made record sets.
@Suite("LinregAnalysis")
struct LinregAnalysisTests {
    static func qat(_ method: String, bits: Int, fold: Int, rmse: Double, seed: Int = 0, targets: String = "weights") -> TrialRecord {
        LinregSchema.record(
            .qat,
            [.dataset: "d", .repeatIndex: 0, .fold: .int(fold), .method: .string(method), .bits: .int(bits),
             .targets: .string(method == "fp32" ? "none" : targets), .seed: .int(seed)],
            [.testRMSE: Measurement(rmse, unit: "mpg"), .bestEpoch: Measurement(Double(fold))])
    }

    static func ptq(_ format: String, bits: Int, symmetric: Bool = true, fold: Int, rmse: Double) -> TrialRecord {
        LinregSchema.record(
            .ptqWeights,
            [.dataset: "d", .repeatIndex: 0, .fold: .int(fold), .format: .string(format), .bits: .int(bits), .symmetric: .bool(symmetric)],
            [.testRMSE: Measurement(rmse, unit: "mpg")])
    }

    @Test("the change is paired per fold against the FP64 fit, seeds averaged within a fold")
    func pairedChange() throws {
        // Fold 0 is twice as hard as fold 1; fold 2 has two seeds, +4 % and +8 % (mean +6 %);
        // folds 3 and 4 (+5 %, +7 %) make the five folds an interval needs (Bootstrap.minimumSample).
        let records = [
            Self.ptq("fp64", bits: 64, fold: 0, rmse: 2), Self.ptq("fp64", bits: 64, fold: 1, rmse: 1), Self.ptq("fp64", bits: 64, fold: 2, rmse: 1),
            Self.ptq("fp64", bits: 64, fold: 3, rmse: 1), Self.ptq("fp64", bits: 64, fold: 4, rmse: 1),
            Self.qat("qat-lsq", bits: 4, fold: 0, rmse: 2.2), Self.qat("qat-lsq", bits: 4, fold: 1, rmse: 1.02),
            Self.qat("qat-lsq", bits: 4, fold: 2, rmse: 1.04, seed: 1), Self.qat("qat-lsq", bits: 4, fold: 2, rmse: 1.08, seed: 2),
            Self.qat("qat-lsq", bits: 4, fold: 3, rmse: 1.05), Self.qat("qat-lsq", bits: 4, fold: 4, rmse: 1.07),
        ]
        let c = try #require(LinregAnalysis.change(records, candidate: LinregSchema.parameters(.qat, [.method: "qat-lsq"])))
        #expect(c.folds == 5)
        #expect(abs(c.change.estimate - 0.06) < 1e-12, "median of +10 %, +2 %, +6 %, +5 %, +7 %")
        #expect(c.change.lower >= 0.02 - 1e-12 && c.change.upper <= 0.10 + 1e-12, "an interval of medians of resamples stays in the data")
        #expect(c.isSignificant, "every fold is worse")
        #expect(LinregAnalysis.change(records, candidate: LinregSchema.parameters(.qat, [.method: "qat-ste"])) == nil)
    }

    @Test("error against bits carries the paired change and the kept epoch")
    func bits() throws {
        let records = [
            Self.ptq("fp64", bits: 64, fold: 0, rmse: 2), Self.ptq("fp64", bits: 64, fold: 1, rmse: 1),
            Self.qat("fp32", bits: 32, fold: 0, rmse: 2), Self.qat("fp32", bits: 32, fold: 1, rmse: 1),
            Self.qat("ptq", bits: 4, fold: 0, rmse: 2.2), Self.qat("ptq", bits: 4, fold: 1, rmse: 1.1),
        ]
        let points = LinregAnalysis.errorAgainstBits(records)
        #expect(points.count == 1, "the FP32 model is the reference's twin, not a point")
        let p = try #require(points.first)
        #expect(p.method == "ptq" && p.bits == 4 && p.count == 2)
        #expect(abs(p.change.change.estimate - 0.1) < 1e-12 && p.medianBestEpoch == 0.5)
    }

    /// Eight folds on which `a` and `b` cost `base + offset(f)` against the FP64 fit.
    static func folds(_ costs: [(format: String, symmetric: Bool, cost: (Int) -> Double)]) -> [TrialRecord] {
        var records: [TrialRecord] = []
        for f in 0..<8 {
            records.append(Self.ptq("fp64", bits: 64, fold: f, rmse: 1 + 0.1 * Double(f)))
            for c in costs {
                records.append(Self.ptq(c.format, bits: 4, symmetric: c.symmetric, fold: f, rmse: (1 + 0.1 * Double(f)) * (1 + c.cost(f))))
            }
        }
        return records
    }

    @Test("a best configuration is named only when it is better than every other beyond noise")
    func best() throws {
        // INT4 asymmetric is 1 point better than NF4 on every fold, which is 1 point better than
        // INT4 symmetric: a clear order, whatever the fold's own noise.
        let noise = { (f: Int) in 0.003 * Double(f % 3) }
        let ordered = Self.folds([
            ("int4", false, { 0.02 + noise($0) }), ("nf4", true, { 0.03 + noise($0) }), ("int4", true, { 0.04 + noise($0) }),
        ])
        let clear = try #require(LinregAnalysis.bitsComparisons(ordered).first)
        #expect(clear.bits == 4 && clear.candidates.map(\.configuration) == ["ptq int4 asymmetric", "ptq nf4", "ptq int4 symmetric"])
        #expect(clear.best?.configuration == "ptq int4 asymmetric")
        #expect(clear.indistinguishableFromLowest.map(\.configuration) == ["ptq int4 asymmetric"])

        // NF4 beats INT4 asymmetric on half the folds and loses on the other half: the lower
        // median is no reason to call it best.
        let tied = Self.folds([("int4", false, { 0.02 + ($0 % 2 == 0 ? 0.01 : -0.01) }), ("nf4", true, { 0.0195 + ($0 % 2 == 0 ? -0.01 : 0.01) })])
        let c = try #require(LinregAnalysis.bitsComparisons(tied).first)
        #expect(c.candidates.first?.configuration == "ptq nf4")
        #expect(c.best == nil)
        #expect(c.indistinguishableFromLowest.map(\.configuration) == ["ptq nf4", "ptq int4 asymmetric"])
    }

    @Test("QAT of weights joins the comparison; the qat family's own PTQ does not")
    func qatCandidates() throws {
        var records = Self.folds([("int4", true, { _ in 0.05 })])
        for f in 0..<8 {
            records.append(Self.qat("qat-lsq", bits: 4, fold: f, rmse: (1 + 0.1 * Double(f)) * 1.01))
            records.append(Self.qat("ptq", bits: 4, fold: f, rmse: 0.5))
            records.append(Self.qat("qat-ste", bits: 4, fold: f, rmse: 0.1, targets: "weights+inputs"))
        }
        let c = try #require(LinregAnalysis.bitsComparisons(records).first)
        #expect(c.candidates.map(\.configuration) == ["qat-lsq", "ptq int4 symmetric"])
        #expect(c.best?.configuration == "qat-lsq")
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
}
