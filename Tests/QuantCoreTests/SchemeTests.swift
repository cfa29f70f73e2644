import Testing
import QuantCore
import Tensor

@Suite struct SchemeTests {
    @Test func nanAndInfinityAreRejectedByIndex() {
        let t = Tensor(shape: [4], storage: [1, 2, .nan, 4])
        #expect(throws: QuantizationError.self) { try QuantizationScheme(target: .integer(bits: 8)).quantize(t) }
        do {
            _ = try QuantizationScheme(target: .float(.fp16)).quantize(t)
            Issue.record("no error for NaN in FP16")
        } catch {
            #expect("\(error)" == "element 2 is nan; quantization needs finite values (remove or replace NaN and infinities)")
        }
        do {
            _ = try QuantizationScheme(target: .integer(bits: 8)).quantize(Tensor(shape: [40], storage: (0..<40).map { $0 == 33 ? -.infinity : Float($0) }))
            Issue.record("no error for −∞")
        } catch {
            #expect("\(error)".contains("element 33 is -inf"), "\(error)")
        }
    }

    @Test func groupSizeThatDoesNotDivideIsAnError() {
        let t = Tensor(shape: [2, 10], repeating: 1)
        do {
            _ = try QuantizationScheme(target: .integer(bits: 4), granularity: .perGroup(axis: -1, size: 3)).quantize(t)
            Issue.record("no error")
        } catch {
            #expect("\(error)".contains("group size 3 does not divide axis 1 of extent 10"), "\(error)")
        }
    }

    @Test func groupLayouts() throws {
        #expect(try GroupLayout(shape: [2, 4], granularity: .perGroup(axis: 1, size: 2)).groupOfElement == [0, 0, 1, 1, 2, 2, 3, 3])
        #expect(try GroupLayout(shape: [2, 3], granularity: .perChannel(axis: 1)).groupOfElement == [0, 1, 2, 0, 1, 2])
        #expect(try GroupLayout(shape: [2, 3], granularity: .perChannel(axis: 0)).groupOfElement == [0, 0, 0, 1, 1, 1])
        // Groups of 2 along axis 0 of a [4, 2]: (rows 0–1, col j) and (rows 2–3, col j).
        #expect(try GroupLayout(shape: [4, 2], granularity: .perGroup(axis: 0, size: 2)).groupOfElement == [0, 1, 0, 1, 2, 3, 2, 3])
        #expect(throws: GranularityError.self) { try GroupLayout(shape: [2, 3], granularity: .perChannel(axis: 2)) }
    }

    @Test func perChannelScalesFollowEachRow() throws {
        let t = Tensor(shape: [2, 3], storage: [1, -2, 0.5, 10, 3, -127])
        let r = try QuantizationScheme(target: .integer(bits: 8), granularity: .perChannel(axis: 0)).quantize(t)
        #expect(r.scales == [2 / 127, 1])
        #expect(r.codes == [64, -127, 32, 10, 3, -127])  // 63.5 → 64 (even); 31.75 → 32
        #expect(r.storage.groups == 2)
    }

    @Test func nf4CodesExactLevels() throws {
        // One block whose absmax is 2: values 2·level must come back exactly.
        let levels = LookupTableFormat.nf4.levels
        let t = Tensor(shape: [64], storage: (0..<64).map { 2 * levels[$0 % 16] })
        let r = try QuantizationScheme.nf4().quantize(t)
        #expect(r.scales == [2])
        #expect(r.codes == (0..<64).map { Int32($0 % 16) })
        #expect(r.error.maxAbsError == 0)
    }

    @Test func fp8AbsmaxScalingPutsTheMaximumOnMaxFinite() throws {
        var g = SeededGenerator(seed: 3)
        let t = Tensor.normal(shape: [8, 16], using: &g)
        let r = try QuantizationScheme(target: .float(.e4m3), floatScaling: .absmax).quantize(t)
        let absmax = t.storage.map(\.magnitude).max()!
        #expect(r.scales == [absmax / 448])
        let i = t.storage.firstIndex { $0.magnitude == absmax }!
        #expect(FloatFormat.e4m3.decode(UInt32(r.codes[i])).magnitude == 448)
        // Relative error of E4M3 is at most 2⁻⁴ for normals; the SQNR of a Gaussian is well above 25 dB.
        #expect(r.error.sqnrDB > 25)
    }

    @Test func floatWithoutScalingSaturates() throws {
        let r = try QuantizationScheme(target: .float(.e4m3)).quantize(Tensor(shape: [3], storage: [1000, -1000, 0.3]))
        #expect(r.dequantized.storage == [448, -448, 0.3125])
        #expect(r.storage.groups == 0)
    }

    @Test func codesArrayDtypes() throws {
        let t = Tensor(shape: [2, 64], repeating: 0.5)
        #expect(try QuantizationScheme(target: .integer(bits: 8)).quantize(t).codesArray().dtype == .int8)
        #expect(try QuantizationScheme(target: .integer(bits: 4), symmetric: false).quantize(t).codesArray().dtype == .uint8)
        #expect(try QuantizationScheme(target: .float(.bf16)).quantize(t).codesArray().dtype == .uint16)
        #expect(try QuantizationScheme.nf4().quantize(t).codesArray().dtype == .uint8)
        #expect(try QuantizationScheme(target: .integer(bits: 12)).quantize(t).codesArray().dtype == .int32)
    }
}

@Suite struct NF4Tests {
    /// The published NF4 levels (bitsandbytes `create_normal_map`, as listed in the QLoRA paper's appendix).
    static let published: [Float] = [
        -1.0, -0.6961928009986877, -0.5250730514526367, -0.39491748809814453, -0.28444138169288635,
        -0.18477343022823334, -0.09105003625154495, 0.0, 0.07958029955625534, 0.16093020141124725,
        0.24611230194568634, 0.33791524171829224, 0.44070982933044434, 0.5626170039176941,
        0.7229568362236023, 1.0,
    ]

    @Test func levelsMatchThePublishedConstants() {
        let levels = LookupTableFormat.nf4.levels
        #expect(levels.count == 16)
        for (mine, theirs) in zip(levels, Self.published) {
            // The published constants went through float32 `linspace` before the quantile; that
            // moves p by ≤ 6e-8, and a level by ≤ 6e-8 / φ(Φ⁻¹(0.968)) ≈ 1e-6 before normalising.
            #expect((mine - theirs).magnitude <= 2e-6, "level \(theirs): computed \(mine)")
        }
    }

    @Test func nearestLevelTiesGoLow() {
        let f = LookupTableFormat.nf4
        #expect(f.code(of: 0) == 7)
        #expect(f.code(of: 5) == 15 && f.code(of: -5) == 0)
        let mid = (f.levels[7] + f.levels[8]) / 2
        #expect(f.code(of: mid) == 7)
        #expect(f.code(of: mid.nextUp) == 8)
    }
}
