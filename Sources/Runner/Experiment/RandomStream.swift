/// A named sub-stream of a run's seed.
///
/// Each section declares its draws as one enum conforming to this protocol: a case per draw,
/// its associated values the sub-indices (a size, a fold, a seed), and `index` composing them
/// into the stream number in one documented place. `ExperimentContext.generator(_:)` turns it
/// into an independent generator (`SeededGenerator.derived(seed:stream:)`), so a trial's
/// numbers do not change when other trials are added or reordered. Two draws must never share
/// a number: `index` checks that each sub-index fits its slot.
public protocol RandomStream: Sendable {
    /// The sub-stream number of this draw.
    var index: UInt64 { get }
}
