import Runner

/// The random streams of the formats section: only the levels trial draws.
enum FormatsStream: RandomStream {
    /// The samples of the levels trial's distribution at `distributionIndex` in
    /// `FormatsTrials.distributions` (0 normal, 1 Student-t).
    case levelSamples(distributionIndex: Int)
    /// The samples of the SQNR rule's distribution at `distributionIndex` in
    /// `FormatsTrials.sqnrDistributions` (0 uniform, 1 normal): streams 16 and up.
    case sqnrSamples(distributionIndex: Int)

    /// The distribution's index.
    var index: UInt64 {
        switch self {
        case .levelSamples(let i):
            precondition(i >= 0 && i < 16, "formats stream: distribution index \(i)")
            return UInt64(i)
        case .sqnrSamples(let i):
            precondition(i >= 0, "formats stream: distribution index \(i)")
            return 16 + UInt64(i)
        }
    }
}
