/// Warm-up runs, then timed repeats, on the experiment's monotonic clock.
///
/// Every repeat's time is kept (not only the median), so the analysis can form medians with
/// bootstrap intervals and ratios of medians measured in the same run.
struct RepeatTimer {
    /// The clock (the context's, monotonic).
    let clock: ContinuousClock

    /// Seconds `body` takes.
    func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = clock.now
        try body()
        return (clock.now - start).seconds
    }

    /// Runs `body` `warmups` times, discarding the results, then `repeats` times, keeping them.
    /// `body` times its own phases (it knows which parts are the kernel).
    func repeated<T>(warmups: Int, repeats: Int, _ body: () throws -> T) rethrows -> [T] {
        for _ in 0..<warmups { _ = try body() }
        return try (0..<repeats).map { _ in try body() }
    }
}
