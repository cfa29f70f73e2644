/// A 2ᵇ-entry table of values in [−1, 1] that codes index: a non-uniform format such as NF4.
///
/// A value x (already divided by its block's absmax scale) is coded as the index of the nearest
/// level; a tie between two levels goes to the lower index. Decoding is a table look-up.
public struct LookupTableFormat: NumberFormat, Hashable {
    /// The command-line name, e.g. `nf4`.
    public let name: String
    /// The name in tables, e.g. `NF4`.
    public let displayName: String
    /// The levels, strictly increasing.
    public let levels: [Float]

    /// - Precondition: 2...65,536 strictly increasing levels; the count a power of two.
    public init(name: String, displayName: String, levels: [Float]) {
        precondition(levels.count >= 2 && levels.count <= 65_536 && levels.count & (levels.count - 1) == 0,
                     "LookupTableFormat: \(levels.count) levels is not a power of two in 2...65536")
        precondition(zip(levels, levels.dropFirst()).allSatisfy { $0 < $1 }, "LookupTableFormat: levels not increasing")
        self.name = name
        self.displayName = displayName
        self.levels = levels
    }

    /// NF4, the 4-bit NormalFloat of QLoRA (Dettmers et al., 2023, "QLoRA: Efficient
    /// Finetuning of Quantized LLMs", section 3): quantiles of N(0, 1) normalised to [−1, 1],
    /// with an exact zero. Computed here from the paper's construction:
    /// ```
    /// δ = ½ (1/30 + 1/32),  positive: Φ⁻¹(linspace(1 − δ, ½, 9)[0..<8]),
    /// negative: −Φ⁻¹(linspace(1 − δ, ½, 8)[0..<7]),  then 0, sort, divide by the largest.
    /// ```
    /// The tests compare against the published bitsandbytes constants.
    public static let nf4 = LookupTableFormat(name: "nf4", displayName: "NF4", levels: normalFloatLevels())

    /// The NormalFloat construction above (8 positive levels, 7 negative, zero).
    static func normalFloatLevels() -> [Float] {
        let offset = 1 - 0.5 * (1.0 / 30 + 1.0 / 32)
        func linspace(_ a: Double, _ b: Double, _ n: Int) -> [Double] {
            (0..<n).map { a + (b - a) * Double($0) / Double(n - 1) }
        }
        let positive = linspace(offset, 0.5, 9).dropLast().map(normalQuantile)
        let negative = linspace(offset, 0.5, 8).dropLast().map { -normalQuantile($0) }
        let all = (positive + [0] + negative).sorted()
        let top = all.map(\.magnitude).max()!
        return all.map { Float($0 / top) }
    }

    /// log₂ of the number of levels.
    public var bits: Int { levels.count.trailingZeroBitCount }
    public var exponentBits: Int? { nil }
    public var mantissaBits: Int? { nil }
    /// The largest level (1 for NF4).
    public var maxFinite: Double { Double(levels.last!) }
    public var minNormal: Double? { nil }
    public var minSubnormal: Double? { nil }
    public var epsilon: Double? { nil }
    public var distinctFiniteValues: Int { levels.count }

    /// The index of the level nearest to `x` (ties to the lower index; NaN gives 0).
    /// - Complexity: O(log levels) by binary search over the midpoints.
    public func code(of x: Float) -> Int {
        var lo = 0, hi = levels.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            // x above the midpoint of levels[mid] and levels[mid + 1] means mid + 1 or higher.
            if x > (levels[mid] + levels[mid + 1]) / 2 { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The level a code stands for.
    public func value(of code: Int) -> Float { levels[code] }
}
