#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The error of an approximation x̂ of a reference x, accumulated in `Double`.
///
/// ```
/// MSE            = Σ(xᵢ − x̂ᵢ)² / n
/// relative error = ‖x − x̂‖_F / ‖x‖_F
/// SQNR (dB)      = 10 · log₁₀(Σxᵢ² / Σ(xᵢ − x̂ᵢ)²)
/// max abs error  = max |xᵢ − x̂ᵢ|
/// ```
/// An exact approximation has SQNR +∞; a zero reference with a non-zero error has relative
/// error +∞ and SQNR −∞; zero over zero is 0 (relative error) and +∞ (SQNR).
public struct ErrorMetrics: Sendable, Hashable {
    /// Mean squared error.
    public let mse: Double
    /// ‖x − x̂‖_F / ‖x‖_F.
    public let relativeFrobenius: Double
    /// Signal-to-quantization-noise ratio in decibels.
    public let sqnrDB: Double
    /// The largest |xᵢ − x̂ᵢ|.
    public let maxAbsError: Double

    /// Measures `approximation` against `reference`.
    /// - Precondition: equal counts.
    public init<T: BinaryFloatingPoint>(reference: [T], approximation: [T]) {
        precondition(reference.count == approximation.count,
                     "ErrorMetrics: \(reference.count) reference values against \(approximation.count)")
        var signal = 0.0, noise = 0.0, worst = 0.0
        for (x, y) in zip(reference, approximation) {
            let xd = Double(x), d = xd - Double(y)
            signal += xd * xd
            noise += d * d
            worst = max(worst, d.magnitude)
        }
        mse = reference.isEmpty ? 0 : noise / Double(reference.count)
        relativeFrobenius = noise == 0 ? 0 : (signal == 0 ? .infinity : (noise / signal).squareRoot())
        sqnrDB = noise == 0 ? .infinity : 10 * log10(signal / noise)
        maxAbsError = worst
    }
}

/// Mean squared error Σ(xᵢ − x̂ᵢ)² / n, accumulated in `Double`.
public func meanSquaredError<T: BinaryFloatingPoint>(_ reference: [T], _ approximation: [T]) -> Double {
    ErrorMetrics(reference: reference, approximation: approximation).mse
}
