import NN
import Tensor
import Testing

/// `PerFeatureFakeQuantizer` only splits and reassembles columns: every output, input gradient
/// and step gradient must equal that of an independent quantizer run on the column alone.
@Suite("Per-feature fake quantization")
struct PerFeatureFakeQuantizerTests {
    /// Three features on very different scales (1, 10, 0.1), so one range per tensor would
    /// flatten the third to zero and per-feature ranges must not.
    static let x: Tensor = {
        let base = Fixtures.normal([8, 3], seed: 21)
        let scales: [Float] = [1, 10, 0.1]
        return Tensor(shape: [8, 3], storage: base.storage.enumerated().map { $0.element * scales[$0.offset % 3] })
    }()

    static func column(_ j: Int, of t: Tensor) -> Tensor {
        Tensor(shape: [t.shape[0], 1], storage: (0..<t.shape[0]).map { t.storage[$0 * t.shape[1] + j] })
    }

    @Test("forward, inference and backward equal one quantizer per column", arguments: ["ste", "lsq"])
    func matchesColumns(method: String) {
        func make() -> any FakeQuantizer {
            method == "ste" ? STEFakeQuantizer(bits: 3, rangeSource: .observed(averagingConstant: 0.5)) : LSQFakeQuantizer(bits: 3, perSampleCount: true)
        }
        var wrapped: any FakeQuantizer = method == "ste"
            ? PerFeatureFakeQuantizer(features: 3, STEFakeQuantizer(bits: 3, rangeSource: .observed(averagingConstant: 0.5)))
            : PerFeatureFakeQuantizer(features: 3, LSQFakeQuantizer(bits: 3, perSampleCount: true))
        var columns = (0..<3).map { _ in make() }
        let out = wrapped.forward(Self.x)
        let gradient = Fixtures.normal([8, 3], seed: 22)
        wrapped.zeroGradients()
        let dx = wrapped.backward(gradient)
        for j in 0..<3 {
            columns[j].zeroGradients()
            #expect(Self.column(j, of: out) == columns[j].forward(Self.column(j, of: Self.x)), "\(method) forward, feature \(j)")
            #expect(Self.column(j, of: dx) == columns[j].backward(Self.column(j, of: gradient)), "\(method) backward, feature \(j)")
            #expect(Self.column(j, of: wrapped(Self.x)) == columns[j](Self.column(j, of: Self.x)), "\(method) inference, feature \(j)")
        }
        let names = wrapped.namedParameters.map(\.name)
        #expect(names == (method == "lsq" ? ["0.step", "1.step", "2.step"] : []))
        for (j, p) in wrapped.namedParameters.enumerated() {
            #expect(p.parameter.gradient == columns[j].namedParameters[0].parameter.gradient, "step gradient of feature \(j)")
        }
        // The small feature keeps distinct levels (per tensor its range would be the large one's).
        #expect(Set(Self.column(2, of: out).storage).count > 1)
    }
}
