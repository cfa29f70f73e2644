import Runner

/// The random streams of the linreg section: each family's draws start at a base of their own
/// and add their sub-indices in decimal slots.
/// ```
/// synthetic problem   100 + 1000·κ index + seed                    seed < 1000,  below 50 000
/// k-fold partition    50 000 + 100·dataset index + repeat           repeat < 100, below 800 000
/// QAT validation      800 000 + fold entry                                        below 900 000
/// QAT mini-batches    900 000 + 100 000·fold entry + 10 000·bits     bits < 10, setting < 100,
///                       + 100·setting + seed                         seed < 100
/// ```
enum LinregStream: RandomStream {
    /// The synthetic problem (X, w, noise) number `seed` at the `kappaIndex`-th condition number.
    case synthetic(kappaIndex: Int, seed: Int)
    /// The `repeatIndex`-th k-fold partition of the dataset at `datasetIndex` in
    /// `LinregDataset.allCases`.
    case folds(datasetIndex: Int, repeatIndex: Int)
    /// The validation rows held out of the `entry`-th fold's training rows for QAT.
    case qatValidation(entry: Int)
    /// The mini-batch order of QAT fine-tuning on the `entry`-th fold of the plan, at `bits`,
    /// for the `setting`-th (targets, method) pair, with training seed `seed`.
    case qatBatches(entry: Int, bits: Int, setting: Int, seed: Int)

    /// Where the synthetic problems' streams start.
    static let syntheticBase = 100
    /// Where the k-fold partitions' streams start.
    static let foldsBase = 50_000
    /// Where the QAT validation splits' streams start.
    static let validationBase = 800_000
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
            return Self.checked(Self.foldsBase + 100 * d + r, below: Self.validationBase)
        case .qatValidation(let e):
            precondition(e >= 0, "linreg stream: fold entry \(e)")
            return Self.checked(Self.validationBase + e, below: Self.qatBase)
        case .qatBatches(let e, let bits, let setting, let seed):
            precondition(e >= 0 && (0..<10).contains(bits) && (0..<100).contains(setting) && (0..<100).contains(seed),
                         "linreg stream: fold entry \(e), bits \(bits), setting \(setting), seed \(seed)")
            return Self.checked(Self.qatBase + 100_000 * e + 10_000 * bits + 100 * setting + seed, below: Int.max)
        }
    }

    /// - Precondition: `index < limit`, the next family's base.
    private static func checked(_ index: Int, below limit: Int) -> UInt64 {
        precondition(index < limit, "linreg stream \(index) runs into the streams from \(limit)")
        return UInt64(index)
    }
}
