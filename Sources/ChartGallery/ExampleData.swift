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

    /// n normally distributed values with mean `mean` and standard deviation `sd`: the
    /// Box–Muller transform applied to the 2-D Kronecker sequence (i·α₁, i·α₂), which covers the
    /// unit square evenly, so the histogram looks like a smooth sample without a generator.
    static func bell(_ n: Int, mean: Double, sd: Double) -> [Double] {
        (1...n).map { i in
            let u1 = max(weyl(i, 0.7548776662466927), 1e-12)
            let u2 = weyl(i, 0.5698402909980532)
            return mean + sd * (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
        }
    }
}
