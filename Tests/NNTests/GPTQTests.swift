import NN
import QuantCore
import Tensor
import Testing

/// GPTQ against round-to-nearest on a random layer whose inputs are correlated (what GPTQ's error
/// feedback exploits), and the invariants of its output.
@Suite struct GPTQTests {
    /// X = Z·A with Z ~ N(0, 1) `[256, 64]` and A ~ N(0, 1) `64×64`: strongly correlated features.
    static let inputs: Tensor = {
        let z = Fixtures.normal([256, 64], seed: 11), a = Fixtures.normal([64, 64], seed: 12)
        let x = Matrix64.product(matrix(z), matrix(a))
        return Tensor(shape: [256, 64], storage: x.storage.map(Float.init))
    }()
    static let weight = Fixtures.normal([32, 64], seed: 13)

    static func matrix(_ t: Tensor) -> Matrix64 {
        Matrix64(rows: t.shape[0], cols: t.shape[1], storage: t.storage.map(Double.init))
    }

    static var hessian: Matrix64 {
        var h = GPTQHessian(features: 64)
        h.accumulate(inputs)
        return h.matrix
    }

    /// ‖W Xᵀ − Ŵ Xᵀ‖²_F in FP64.
    static func outputError(_ approximation: Tensor) -> Double {
        let difference = Matrix64(rows: 32, cols: 64, storage: zip(weight.storage, approximation.storage).map { Double($0) - Double($1) })
        return Matrix64.product(difference, matrix(inputs), transposeB: true).storage.reduce(0) { $0 + $1 * $1 }
    }

    static func rtn(bits: Int, _ granularity: Granularity, symmetric: Bool = true) throws -> QuantizationResult {
        try QuantizationScheme(target: .integer(bits: bits), symmetric: symmetric, granularity: granularity).quantize(weight)
    }

    static let granularities: [Granularity] = [.perChannel(axis: 0), .perGroup(axis: 1, size: 16)]

    @Test(arguments: [4, 3], granularities)
    func errorBelowRoundToNearest(bits: Int, granularity: Granularity) throws {
        let rtnError = Self.outputError(try Self.rtn(bits: bits, granularity).dequantized)
        for actOrder in [false, true] {
            let gptq = try GPTQ(quantizer: AffineQuantizer(bits: bits, symmetric: true), granularity: granularity, blockSize: 16, actOrder: actOrder)
                .quantize(Self.weight, hessian: Self.hessian)
            let error = Self.outputError(gptq.dequantized)
            // Correlated inputs leave much to correct: GPTQ should remove a clear share, not a hair.
            #expect(error < 0.8 * rtnError, "\(bits) bits \(granularity) act-order \(actOrder): GPTQ \(error), RTN \(rtnError)")
        }
    }

    /// With H = I the inverse factor is diagonal, nothing is fed back, and GPTQ is RTN bit for bit.
    @Test(arguments: [4, 3], granularities)
    func identityHessianIsRoundToNearest(bits: Int, granularity: Granularity) throws {
        for symmetric in [true, false] {
            let rtn = try Self.rtn(bits: bits, granularity, symmetric: symmetric)
            let gptq = try GPTQ(quantizer: AffineQuantizer(bits: bits, symmetric: symmetric), granularity: granularity, blockSize: 16)
                .quantize(Self.weight, hessian: .identity(64))
            #expect(gptq.codes == rtn.codes, "\(bits) bits \(granularity) symmetric \(symmetric)")
            #expect(gptq.dequantized == rtn.dequantized, "\(bits) bits \(granularity) symmetric \(symmetric)")
            #expect(gptq.parameters.map(\.scale) == rtn.scales)
        }
    }

    /// Every code is on the grid, and every value is its group's scale · (code − zero point).
    @Test(arguments: [4, 3], granularities)
    func codesLieOnTheGrid(bits: Int, granularity: Granularity) throws {
        for (symmetric, actOrder) in [(true, false), (true, true), (false, true)] {
            let q = AffineQuantizer(bits: bits, symmetric: symmetric)
            let result = try GPTQ(quantizer: q, granularity: granularity, blockSize: 16, actOrder: actOrder)
                .quantize(Self.weight, hessian: Self.hessian)
            let label = "\(bits) bits \(granularity) symmetric \(symmetric) act-order \(actOrder)"
            #expect(result.codes.allSatisfy { (q.minCode...q.maxCode).contains($0) }, "\(label)")
            for r in 0..<32 {
                for c in 0..<64 {
                    let p = result.parameters[r * result.groupCount + result.groupOfColumn[c]]
                    #expect(result.dequantized[r, c] == q.dequantize(result.codes[r * 64 + c], p), "\(label) (\(r), \(c))")
                }
            }
            if case .perGroup = granularity {
                // 16 columns per group in the quantization order.
                #expect((0..<4).allSatisfy { g in result.groupOfColumn.filter { $0 == g }.count == 16 }, "\(label)")
            }
        }
    }

    /// Lazy batches reorder the same FP64 arithmetic: block sizes 8 and 64 agree up to rare ties.
    @Test func blockSizeDoesNotChangeTheResult() throws {
        let q = AffineQuantizer(bits: 4, symmetric: true)
        let small = try GPTQ(quantizer: q, blockSize: 8).quantize(Self.weight, hessian: Self.hessian)
        let large = try GPTQ(quantizer: q, blockSize: 64).quantize(Self.weight, hessian: Self.hessian)
        let same = zip(small.codes, large.codes).filter { $0 == $1 }.count
        #expect(same >= small.codes.count - 2, "\(small.codes.count - same) codes differ")
    }

    /// An input that is always 0 (H_ii = 0) gets weight 0, as in the reference.
    @Test func deadInputGetsZeroWeight() throws {
        var h = Self.hessian
        for j in 0..<64 { h[5, j] = 0; h[j, 5] = 0 }
        let result = try GPTQ(quantizer: AffineQuantizer(bits: 4, symmetric: true)).quantize(Self.weight, hessian: h)
        #expect((0..<32).allSatisfy { result.dequantized[$0, 5] == 0 })
    }

    @Test func groupSizeMustDivideTheColumns() {
        #expect(throws: QuantizationError.self) {
            _ = try GPTQ(quantizer: AffineQuantizer(bits: 4, symmetric: true), granularity: .perGroup(axis: 1, size: 24))
                .quantize(Self.weight, hessian: .identity(64))
        }
    }

    /// X = [[1, 2], [3, 4]]: XᵀX = [[10, 14], [14, 20]], H = (2/N)·XᵀX with N = 2; fed in two halves.
    @Test func hessianOfHandMadeInputs() {
        var h = GPTQHessian(features: 2)
        h.accumulate(Tensor(shape: [1, 2], storage: [1, 2]))
        h.accumulate(Tensor(shape: [1, 1, 2], storage: [3, 4]))
        #expect(h.rows == 2)
        #expect(h.matrix == Matrix64([[10, 14], [14, 20]]))
    }
}
