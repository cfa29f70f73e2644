public import Records
public import Datasets
public import Tensor

/// What a running experiment gets from the runner: seed, threads, paths, progress and a clock.
public struct ExperimentContext: Sendable {
    /// The run's seed: with the profile it fixes every non-timing number bit for bit.
    public let seed: UInt64
    /// The profile the parameters were resolved for.
    public let profile: Profile
    /// Threads the experiment may use (also set as `OMP_NUM_THREADS` for oneDNN by the CLI).
    public let threads: Int
    /// Where the fetched inputs are (`data/raw/` of the workspace); pass it to the loaders.
    public let dataPaths: DataPaths
    /// Where to report progress of long work.
    public let progress: ProgressReporter
    /// The clock to time work with (monotonic).
    public let clock: ContinuousClock
    /// Where trained checkpoints are kept between runs (`data/cache/<profile>/<section>/`);
    /// `nil` when nothing is cached (a context made by a test).
    public let checkpoints: CheckpointCache?

    /// A context; the runner makes one per run.
    public init(
        seed: UInt64, profile: Profile, threads: Int, dataPaths: DataPaths,
        progress: ProgressReporter, clock: ContinuousClock = ContinuousClock(), checkpoints: CheckpointCache? = nil
    ) {
        self.checkpoints = checkpoints
        self.seed = seed
        self.profile = profile
        self.threads = threads
        self.dataPaths = dataPaths
        self.progress = progress
        self.clock = clock
    }

    /// An independent generator for sub-stream `stream` (e.g. one per trial) of the run's seed,
    /// so trials stay reproducible when others are added or reordered. Sections name their
    /// streams (`generator(_:)`); this raw form is for experiments with a single kind of draw.
    public func generator(stream: UInt64) -> SeededGenerator {
        SeededGenerator.derived(seed: seed, stream: stream)
    }

    /// An independent generator for the named sub-stream `stream` of the run's seed.
    public func generator(_ stream: some RandomStream) -> SeededGenerator {
        generator(stream: stream.index)
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
