import Foundation

/// Fixed example numbers for the gallery: smooth formulas and low-discrepancy sequences, no
/// random generator, so every run draws the same figures.
enum ExampleData {
    /// Matrix sizes 10, 20, 50, … 10000 (a 1-2-5 progression).
    static let sizes: [Double] = [10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000]

    /// The fractional part of i·α for an irrational α (a Weyl sequence): evenly spread in [0, 1).
    static func weyl(_ i: Int, _ alpha: Double) -> Double {
        let v = Double(i) * alpha
        return v - v.rounded(.down)
    }

    /// n bell-shaped values: the sum of four Weyl sequences (an Irwin–Hall shape), scaled to
    /// mean `mean` and standard deviation `sd` (the sum of four U(0,1) has variance 1/3).
    static func bell(_ n: Int, mean: Double, sd: Double) -> [Double] {
        let alphas = [0.6180339887498949, 0.4142135623730951, 0.7320508075688772, 0.2360679774997898]
        return (1...n).map { i in
            let s = alphas.reduce(0) { $0 + weyl(i, $1) }
            return mean + (s - 2) * sd * 3.0.squareRoot()
        }
    }
}
