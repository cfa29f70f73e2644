import Foundation
import Testing
import Datasets
import Records
import Runner
import Tensor
import Kernels
@testable import Experiments

private typealias Parameter = MatmulSchema.Parameter
private typealias Metric = MatmulSchema.Metric

/// A run of the matmul experiment on a profile small enough for a debug build.
enum TinyMatmul {
    /// Sizes 10, 24 and 40, the error of 40 from 8 sampled rows; one GEMV of 24 × 256 with
    /// INT4 groups of 128 (the kernel's block); a 1 MiB bandwidth probe.
    static var parameters: MatmulParameters {
        var p = MatmulParameters(profile: .quick)
        p.sizes = [10, 24, 40]
        p.repeats = [2, 2, 2]
        p.warmups = [1, 1, 0]
        p.openBLASMaxSize = 24
        p.emulatedTimingMaxSize = 10
        p.fullErrorMaxSize = 24
        p.sampledRows = 8
        p.errorBlocks = 4
        p.peakSize = 32
        p.peakRepeats = 2
        p.gemvShapes = [[24, 256]]
        p.gemvRepeats = 2
        p.gemvEvictionMebibytes = 4
        p.int4GroupSize = 128
        p.bandwidthMebibytes = 1
        p.bandwidthRepeats = 2
        p.schemeSizes = [24]
        p.isaRounds = 1
        p.isaIterations = 10_000
        return p
    }

    static func run(seed: UInt64 = 7) throws -> [TrialRecord] {
        let context = ExperimentContext(
            seed: seed, profile: .quick, threads: 2, dataPaths: DataPaths(root: FileManager.default.temporaryDirectory.path),
            progress: ProgressReporter(label: "matmul", output: .silent))
        return try MatmulExperiment().run(parameters, context: context)
    }
}

@Suite("Matmul experiment")
struct MatmulExperimentTests {
    @Test func recordsEveryTrialFamilyFormatAndSize() throws {
        let records = try TinyMatmul.run()
        let p = TinyMatmul.parameters
        func count(_ trial: MatmulSchema.Family, _ filter: [Parameter: ParameterValue] = [:]) -> Int {
            MatmulSchema.records(trial, in: records).matching(filter).count
        }
        for size in p.sizes {
            for format in MatmulFormat.allCases {
                let key: [Parameter: ParameterValue] = [.size: .int(size), .format: .string(format.rawValue)]
                for distribution in MatmulDistribution.allCases {
                    let d = key.merging([.distribution: .string(distribution.rawValue)]) { a, _ in a }
                    #expect(count(.gemmError, d) == 1, "error \(d)")
                    #expect(count(.gemmErrorBlock, d) == 4, "error blocks \(d)")
                }
                let timed = p.isTimed(format, size: size)
                #expect(count(.gemmTime, key) == (timed ? 2 : 0), "time \(key)")
            }
        }
        for instruction in MatmulInstruction.allCases {
            #expect(count(.peak, [.instruction: .string(instruction.rawValue)]) == 2, "peak \(instruction)")
            let supported = InstructionRateProbe.Instruction(rawValue: instruction.rawValue)!.isSupported
            #expect(count(.isaRate, [.instruction: .string(instruction.rawValue)]) == (supported ? 1 : 0), "ISA rate \(instruction)")
        }
        for r in MatmulSchema.records(.isaRate, in: records) {
            #expect(r[Metric.clockHz]!.value > 0 && r[Metric.operationsPerSecond]!.value > 0)
        }
        #expect(MatmulSchema.records(.bandwidth, in: records).filter { $0[Parameter.during] == nil }.count == 2, "the probe")
        for weights in ["fp32", "bf16", "int8", "w8a8", "int4", "w4a8"] {
            // One eviction read, timed, before each cold repeat.
            let shape = "\(p.gemvShapes[0][0])×\(p.gemvShapes[0][1])"
            #expect(count(.bandwidth, [.during: .string("gemv \(shape) \(weights)")]) == 2, "eviction reads \(weights)")
            for cache in ["warm", "cold"] {
                #expect(count(.gemv, [.weights: .string(weights), .cache: .string(cache)]) == 2, "gemv \(weights) \(cache)")
            }
            #expect(count(.gemvError, [.weights: .string(weights)]) == 1, "gemv error \(weights)")
        }
        // Every timing record carries its environment and the emulation flag.
        for r in MatmulSchema.records(.gemmTime, in: records) {
            #expect(r[Parameter.isa] != nil && r[Parameter.blasCore] != nil && r[Parameter.threads] == .int(2))
            let format = MatmulFormat(rawValue: r[Parameter.format]!.description)!
            #expect(r[Parameter.emulated] == .bool(format.isEmulated))
        }
        // Every activation scheme on every distribution at the scheme sizes only.
        let schemes = MatmulSchema.records(.gemmScheme, in: records)
        #expect(schemes.count == p.activationSchemes.count * MatmulDistribution.allCases.count)
        #expect(schemes.allSatisfy { $0[Parameter.size] == .int(24) })
        #expect(schemes.matching([Parameter.scheme: "smoothquant"]).count == p.smoothQuantAlphas.count * MatmulDistribution.allCases.count)
        // Above fullErrorMaxSize the error is measured on the sampled rows, and says so.
        let sampled = MatmulSchema.records(.gemmError, in: records).matching([Parameter.size: .int(40)])
        #expect(sampled.allSatisfy { $0[Parameter.errorRows] == .int(8) })
    }

    /// Errors order as the formats' precision does (normal inputs, n = 24): FP32 ≪ FP16 < BF16 <
    /// INT8 < INT4, and per-channel INT is no worse than per-tensor.
    @Test func errorsOrderByPrecision() throws {
        let records = try TinyMatmul.run()
        func error(_ format: MatmulFormat, _ distribution: MatmulDistribution = .normal) -> Double {
            records.matching(MatmulSchema.parameters(.gemmError, [
                .size: .int(24), .format: .string(format.rawValue), .distribution: .string(distribution.rawValue),
            ])).first![Metric.relativeError]!.value
        }
        #expect(error(.fp32) < 1e-5)
        #expect(error(.fp32) < error(.fp16) && error(.fp16) < error(.bf16) && error(.bf16) < error(.int8PerTensor))
        #expect(error(.int8PerTensor) < error(.int4PerTensor))
        #expect(error(.fp8e4m3) < error(.fp8e5m2))  // E4M3 has one more mantissa bit
        for d in MatmulDistribution.allCases {
            #expect(error(.int8PerChannel, d) <= error(.int8PerTensor, d), "\(d)")
            #expect(error(.int4PerChannel, d) <= error(.int4PerTensor, d), "\(d)")
        }
        // Outliers stretch the per-tensor INT4 scale: its error grows most.
        #expect(error(.int4PerTensor, .outliers) > 2 * error(.int4PerTensor))
    }

    /// A profile and a seed fix every non-timing field bit for bit.
    @Test func nonTimingFieldsAreDeterministic() throws {
        let first = try TinyMatmul.run().map(\.withoutTimings)
        let second = try TinyMatmul.run().map(\.withoutTimings)
        #expect(first == second)
        let other = try TinyMatmul.run(seed: 8).map(\.withoutTimings)
        #expect(first != other)
    }

    @Test(arguments: [Profile.quick, .full])
    func profilesAreWellFormed(profile: Profile) {
        let p = MatmulParameters(profile: profile)
        #expect(p.repeats.count == p.sizes.count && p.warmups.count == p.sizes.count, "\(profile)")
        #expect(p.sizes == p.sizes.sorted() && p.repeats.allSatisfy { $0 >= 2 }, "\(profile)")
        #expect(p.formats.first == .fp32 && Set(p.formats) == Set(MatmulFormat.allCases), "\(profile)")
        #expect(p.sizes.last == (profile == .quick ? 512 : 10000), "\(profile)")
        #expect(p.gemvShapes.allSatisfy { $0[1] % p.int4GroupSize == 0 }, "\(profile)")
    }

    @Test func errorRowsAreEvenlySpacedAboveTheLimit() {
        var p = MatmulParameters(profile: .full)
        p.fullErrorMaxSize = 100
        p.sampledRows = 4
        #expect(p.errorRows(size: 100) == nil)
        #expect(p.errorRows(size: 1000) == [0, 250, 500, 750])
    }

    @Test func outliersScaleTheNormalDrawsAtTheStatedRate() {
        let o = MatmulOutliers(scatteredFraction: 0.001, scatteredScale: 50, channelFraction: 0.02, channelScale: 20)
        var r1 = SeededGenerator(seed: 3), r2 = SeededGenerator(seed: 3), r3 = SeededGenerator(seed: 3)
        let normal = MatmulInputs(size: 100, distribution: .normal, outliers: o, channelColumns: [3, 7], using: &r1)
        let outliers = MatmulInputs(size: 100, distribution: .outliers, outliers: o, channelColumns: [3, 7], using: &r2)
        let changed = zip(normal.a.storage, outliers.a.storage).filter { $0 != $1 }
        #expect(changed.count == 10)  // 0.1 % of 10 000, positions distinct for this seed
        #expect(changed.allSatisfy { $1 == 50 * $0 })
        #expect(outliers.outlierMask.filter { $0 }.count == 10)
        #expect(normal.outlierMask.allSatisfy { !$0 })
        // Channel outliers: whole columns 3 and 7 of A ×20, B untouched.
        let channels = MatmulInputs(size: 100, distribution: .channels, outliers: o, channelColumns: [3, 7], using: &r3)
        for i in normal.a.storage.indices {
            let column = i % 100
            #expect(channels.a.storage[i] == ([3, 7].contains(column) ? 20 * normal.a.storage[i] : normal.a.storage[i]))
            #expect(channels.outlierMask[i] == [3, 7].contains(column))
        }
        #expect(channels.b == normal.b)
        // Counts: 0.1 % of n² rounds to none at n = 10 (no more than the stated rate), columns at least one.
        #expect(o.scatteredCount(size: 10) == 0 && o.scatteredCount(size: 100) == 10)
        #expect(o.channelCount(size: 10) == 1 && o.channelCount(size: 1000) == 20)
    }
}
