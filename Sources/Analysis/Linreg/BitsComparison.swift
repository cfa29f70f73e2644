/// Every weight-quantization configuration of one bit width on one dataset, ranked by their
/// `PairedChange` against the FP64 fit, and whether the lowest is better than each of the others
/// beyond noise.
public struct BitsComparison: Sendable, Hashable {
    /// One configuration and its change.
    public struct Candidate: Sendable, Hashable {
        /// E.g. `ptq int4 asymmetric`, `ptq nf4`, `qat-lsq`.
        public let configuration: String
        /// Its change against the FP64 fit.
        public let change: PairedChange
        /// The paired difference to the lowest-median configuration (`nil` for that one).
        public let differenceToLowest: ConfidenceInterval?
    }

    /// The dataset, e.g. `diabetes`.
    public let dataset: String
    /// The code width.
    public let bits: Int
    /// Candidates by median change, lowest first (ties by name).
    public let candidates: [Candidate]

    /// The lowest-median configuration when its paired difference to every other candidate is
    /// below 0 with 95 % confidence; `nil` when some other candidate is indistinguishable.
    public var best: Candidate? {
        guard let lowest = candidates.first else { return nil }
        return candidates.dropFirst().allSatisfy { ($0.differenceToLowest?.lower ?? -1) > 0 } ? lowest : nil
    }

    /// The lowest-median configuration and every candidate whose paired difference to it has an
    /// interval containing 0: the configurations the data cannot tell apart from the lowest.
    public var indistinguishableFromLowest: [Candidate] {
        guard let lowest = candidates.first else { return [] }
        return [lowest] + candidates.dropFirst().filter { $0.differenceToLowest.map { $0.contains(0) } ?? true }
    }
}
