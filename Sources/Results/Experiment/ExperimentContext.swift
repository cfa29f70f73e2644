public import Foundation
public import Tensor

/// What a running experiment gets from the runner: seed, threads, paths, progress and a clock.
public struct ExperimentContext: Sendable {
    /// The run's seed: with the profile it fixes every non-timing number bit for bit.
    public let seed: UInt64
    /// The profile the parameters were resolved for.
    public let profile: Profile
    /// Threads the experiment may use (also set as `OMP_NUM_THREADS` for oneDNN by the CLI).
    public let threads: Int
    /// The data directory; declared inputs are relative to it.
    public let dataDirectory: URL
    /// Where to report progress of long work.
    public let progress: ProgressReporter
    /// The clock to time work with (monotonic).
    public let clock: ContinuousClock

    public init(
        seed: UInt64, profile: Profile, threads: Int, dataDirectory: URL,
        progress: ProgressReporter, clock: ContinuousClock = ContinuousClock()
    ) {
        self.seed = seed
        self.profile = profile
        self.threads = threads
        self.dataDirectory = dataDirectory
        self.progress = progress
        self.clock = clock
    }

    /// The URL of an input declared relative to the data directory.
    public func input(_ relativePath: String) -> URL {
        dataDirectory.appendingPathComponent(relativePath)
    }

    /// An independent generator for sub-stream `stream` (e.g. one per trial) of the run's seed,
    /// so trials stay reproducible when others are added or reordered.
    public func generator(stream: UInt64) -> SeededGenerator {
        SeededGenerator.derived(seed: seed, stream: stream)
    }

    /// Runs `body` and returns its result with the elapsed monotonic time in seconds.
    public func timed<T>(_ body: () throws -> T) rethrows -> (result: T, seconds: Double) {
        let start = clock.now
        let result = try body()
        return (result, (clock.now - start).seconds)
    }
}

extension Duration {
    /// The duration in seconds as a `Double`.
    public var seconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) * 1e-18
    }
}
