import QuantCore

/// Element-wise operations whose every result is rounded: to the storage format when it is
/// kept, to the accumulator format inside running sums (see `FittingArithmetic`).
///
/// Written once over the element type: `Double` for FP64 (no rounding), `Float` for FP32 and
/// the emulated formats. Rounding is shaped as whole-array calls because QuantCore's scalar
/// `rounded(_: Float)` encodes through a `Double` and branches per value (about 0.1 GB/s by
/// QuantCore's own measurement), while `rounded(_: [Float])` rounds 16 lanes per step; so the
/// sequential sums of the fits are evaluated for many sums at once (one array call per step).
struct RoundedArithmetic<T: BinaryFloatingPoint> {
    /// Rounds stored arrays.
    let store: ([T]) -> [T]
    /// Rounds running sums and the products added into them.
    let accumulate: ([T]) -> [T]

    /// Native arithmetic: nothing is rounded beyond T's own.
    static var native: RoundedArithmetic<T> {
        RoundedArithmetic(store: { $0 }, accumulate: { $0 })
    }

    /// A stored scalar.
    func store(_ x: T) -> T { store([x])[0] }
    /// A scalar inside a running sum.
    func accumulate(_ x: T) -> T { accumulate([x])[0] }

    /// s ← acc(s + acc(a · b)) element-wise, with `b` one scalar: one step of a running dot
    /// product evaluated for many sums at once.
    func accumulateProduct(_ s: inout [T], _ a: ArraySlice<T>, _ b: T) {
        var products = [T](repeating: 0, count: s.count)
        var i = 0
        for v in a {
            products[i] = v * b
            i += 1
        }
        products = accumulate(products)
        for k in s.indices { s[k] += products[k] }
        s = accumulate(s)
    }
}

extension RoundedArithmetic where T == Float {
    /// The arithmetic of `kind` on FP32 values.
    init(_ kind: FittingArithmetic) {
        let storage = kind.storageFormat, accumulator = kind.accumulatorFormat
        self.init(
            store: { values in storage.map { $0.rounded(values) } ?? values },
            accumulate: { values in accumulator.map { $0.rounded(values) } ?? values })
    }
}
