import Tensor

/// Independent FP64 references and inputs shared by the kernel tests.
enum Reference {
    /// A seeded `rows × columns` tensor of N(0, 1) entries.
    static func normal(_ rows: Int, _ columns: Int, seed: UInt64) -> Tensor {
        var rng = SeededGenerator(seed: seed)
        return Tensor.normal(shape: [rows, columns], using: &rng)
    }

    /// `A · B` in FP64 and `Σ_k |a_ik|·|b_kj|` (the scale of the rounding error bound), row-major.
    static func product(_ a: Tensor, _ b: Tensor) -> (value: [Double], magnitude: [Double]) {
        let (m, k, n) = (a.shape[0], a.shape[1], b.shape[1])
        var value = [Double](repeating: 0, count: m * n), magnitude = value
        for i in 0..<m {
            for j in 0..<n {
                var s = 0.0, t = 0.0
                for p in 0..<k {
                    let x = Double(a.storage[i * k + p]) * Double(b.storage[p * n + j])
                    s += x
                    t += abs(x)
                }
                value[i * n + j] = s
                magnitude[i * n + j] = t
            }
        }
        return (value, magnitude)
    }

    /// `x` rounded to the nearest bfloat16 (ties to even), returned as Float; written here from
    /// the bit layout so the reference does not share code with oneDNN's conversion.
    static func bfloat16(_ x: Float) -> Float {
        let bits = x.bitPattern
        let lsb = (bits >> 16) & 1
        let rounded = (bits &+ 0x7FFF &+ lsb) & 0xFFFF_0000
        return Float(bitPattern: rounded)
    }

    /// The tensor with every element rounded to bfloat16.
    static func bfloat16(_ t: Tensor) -> Tensor { Tensor(shape: t.shape, storage: t.storage.map(bfloat16)) }

    /// `Σ_k qA[i][k] · qB[k][j]` by a plain integer loop.
    static func integerProduct(_ a: [Int8], _ b: [Int8], m: Int, k: Int, n: Int) -> [Int32] {
        var c = [Int32](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var s: Int32 = 0
                for p in 0..<k { s += Int32(a[i * k + p]) * Int32(b[p * n + j]) }
                c[i * n + j] = s
            }
        }
        return c
    }
}
