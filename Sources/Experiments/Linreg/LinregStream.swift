import Runner

/// The random streams of the linreg section: each family's draws start at a base of their own
/// and add their sub-indices in decimal slots.
/// ```
/// synthetic problem   100 + 1000·κ index + seed                  seed < 1000,  below 50 000
/// k-fold partition    50 000 + 100·dataset index + repeat         repeat < 100, below 900 000
/// QAT mini-batches    900 000 + 1000·fold entry + 100·bits + seed  bits < 10, seed < 100
/// ```
enum LinregStream: RandomStream {
    /// The synthetic problem (X, w, noise) number `seed` at the `kappaIndex`-th condition number.
    case synthetic(kappaIndex: Int, seed: Int)
    /// The `repeatIndex`-th k-fold partition of the dataset at `datasetIndex` in
    /// `LinregDataset.allCases`.
    case folds(datasetIndex: Int, repeatIndex: Int)
    /// The mini-batch order of QAT fine-tuning on the `entry`-th fold of the plan, at `bits`,
    /// with training seed `seed`.
    case qatBatches(entry: Int, bits: Int, seed: Int)

    /// Where the synthetic problems' streams start.
    static let syntheticBase = 100
    /// Where the k-fold partitions' streams start.
    static let foldsBase = 50_000
    /// Where the QAT mini-batch streams start.
    static let qatBase = 900_000

    /// The base of the draw plus its sub-indices in their slots.
    var index: UInt64 {
        switch self {
        case .synthetic(let k, let seed):
            precondition(k >= 0 && (0..<1000).contains(seed), "linreg stream: synthetic κ index \(k), seed \(seed)")
            return Self.checked(Self.syntheticBase + 1000 * k + seed, below: Self.foldsBase)
        case .folds(let d, let r):
            precondition(d >= 0 && (0..<100).contains(r), "linreg stream: dataset index \(d), repeat \(r)")
            return Self.checked(Self.foldsBase + 100 * d + r, below: Self.qatBase)
        case .qatBatches(let e, let bits, let seed):
            precondition(e >= 0 && (0..<10).contains(bits) && (0..<100).contains(seed),
                         "linreg stream: fold entry \(e), bits \(bits), seed \(seed)")
            return Self.checked(Self.qatBase + 1000 * e + 100 * bits + seed, below: Int.max)
        }
    }

    /// - Precondition: `index < limit`, the next family's base.
    private static func checked(_ index: Int, below limit: Int) -> UInt64 {
        precondition(index < limit, "linreg stream \(index) runs into the streams from \(limit)")
        return UInt64(index)
    }
}
