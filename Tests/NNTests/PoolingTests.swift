import NN
import Tensor
import Testing

/// Max pooling, ReLU and Flatten on hand-made inputs.
@Suite("Pooling and activations")
struct PoolingTests {
    @Test("max pooling 2×2: the maximum of each window, the gradient to the first maximum")
    func maxPool() {
        // One 4×5 image: the last column fits no window and is dropped.
        let x = Tensor(shape: [1, 1, 4, 5], storage: [
            1, 3, 0, 0, 9,
            2, -1, 5, 5, 9,
            -4, -3, .nan, 7, 9,
            -2, -5, 8, 1, 9,
        ])
        var pool = MaxPool2d()
        let y = pool.forward(x)
        #expect(y.shape == [1, 1, 2, 2])
        #expect(y.storage[0] == 3 && y.storage[1] == 5 && y.storage[2] == -2 && y.storage[3].isNaN, "\(y)")
        let dx = pool.backward(Tensor(shape: [1, 1, 2, 2], storage: [10, 20, 30, 40]))
        // The tie 5, 5 goes to the first; the NaN is its window's maximum.
        #expect(dx.storage == [0, 10, 0, 0, 0,
                               0, 0, 20, 0, 0,
                               0, 0, 40, 0, 0,
                               30, 0, 0, 0, 0])
    }

    /// Values from a small set, so windows hold ties, with a few NaNs.
    static func tiesAndNaNs(_ shape: [Int], seed: UInt64) -> Tensor {
        var rng = SeededGenerator(seed: seed)
        return Tensor(shape: shape, storage: (0..<shape.reduce(1, *)).map { _ in
            let k = rng.nextIndex(below: 40)
            return k == 0 ? .nan : Float(k % 5)
        })
    }

    @Test("max pooling's SIMD paths agree with a direct loop: values, ties, NaNs and routing", arguments: [
        ([2, 3, 6, 21], 2, 2),  // 2×2 on rows of 10 outputs: two 8-lane chunks, the second overlapping
        ([1, 2, 4, 34], 2, 2),  // rows of 17 outputs
        ([2, 2, 5, 5], 2, 2),   // rows of 2 outputs: gathered lanes, a partial last chunk
        ([1, 2, 7, 9], 3, 2),   // overlapping 3×3 windows: gathered
        ([1, 1, 6, 6], 3, 3),
    ])
    func maxPoolPaths(_ shape: [Int], _ kernel: Int, _ stride: Int) {
        let x = Self.tiesAndNaNs(shape, seed: UInt64(shape.reduce(0, +) * 10 + kernel))
        var pool = MaxPool2d(kernelSize: kernel, stride: stride)
        let y = pool.forward(x)
        let outShape = pool.outputShape(for: shape)
        // The rule, directly: scan the window row-major; `>` keeps the first maximum, a NaN always wins.
        var expected: [Float] = [], argmax: [Int] = []
        for plane in 0..<(shape[0] * shape[1]) {
            for r in 0..<outShape[2] {
                for c in 0..<outShape[3] {
                    var best = plane * shape[2] * shape[3] + r * stride * shape[3] + c * stride
                    for i in 0..<kernel {
                        for j in 0..<kernel {
                            let at = plane * shape[2] * shape[3] + (r * stride + i) * shape[3] + c * stride + j
                            if x.storage[at] > x.storage[best] || x.storage[at].isNaN { best = at }
                        }
                    }
                    expected.append(x.storage[best])
                    argmax.append(best)
                }
            }
        }
        #expect(y.shape == outShape)
        #expect(zip(y.storage, expected).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }, "\(shape) k\(kernel) s\(stride): values")
        #expect(zip(pool(x).storage, expected).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }, "\(shape) k\(kernel) s\(stride): inference")
        // Output i sends i + 1 to its argmax.
        let dx = pool.backward(Tensor(shape: outShape, storage: (0..<expected.count).map { Float($0 + 1) }))
        var routed = [Float](repeating: 0, count: x.count)
        for (i, a) in argmax.enumerated() { routed[a] += Float(i + 1) }
        #expect(dx.storage == routed, "\(shape) k\(kernel) s\(stride): gradient routing")
    }

    @Test("ReLU: zero at and below 0, NaN kept; its gradient passes where x > 0")
    func relu() {
        var relu = ReLU()
        let y = relu.forward(Tensor(shape: [5], storage: [-2, 0, 0.5, 3, .nan]))
        #expect(Array(y.storage.prefix(4)) == [0, 0, 0.5, 3] && y.storage[4].isNaN)
        #expect(relu.backward(Tensor(shape: [5], repeating: 1)).storage == [0, 0, 1, 1, 0])
    }

    @Test("Flatten joins the trailing axes and restores them in backward")
    func flatten() {
        var flatten = Flatten()
        let x = Fixtures.normal([2, 3, 2, 2], seed: 1)
        let y = flatten.forward(x)
        #expect(y.shape == [2, 12] && y.storage == x.storage)
        #expect(flatten.backward(y) == x)
    }
}
