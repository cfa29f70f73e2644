import Records
/// Where progress and summary lines go, and whether that is a terminal.
public struct ProgressOutput: Sendable {
    /// `true` draws a live bar redrawn in place; `false` writes a plain line every `interval` seconds.
    public let isTerminal: Bool
    /// Seconds between plain lines when not on a terminal.
    public let interval: Double
    /// Columns a line may take: the live bar is cut and summary lines are wrapped to it.
    public let width: Int
    /// Writes text (already ending in `\n` or `\r`).
    public let write: @Sendable (String) -> Void
    /// The current monotonic time in seconds (injectable for tests).
    public let now: @Sendable () -> Double

    /// An output; `now` and `write` are injectable for tests.
    public init(
        isTerminal: Bool, interval: Double = 5, width: Int = TerminalWidth.fallback,
        now: @escaping @Sendable () -> Double = ProgressOutput.monotonicSeconds,
        write: @escaping @Sendable (String) -> Void
    ) {
        self.isTerminal = isTerminal
        self.interval = interval
        self.width = width
        self.now = now
        self.write = write
    }

    /// Standard error: a live bar when it is a terminal (`isatty(2)`), else a line every 5 s;
    /// as wide as `TerminalWidth` says.
    public static var standardError: ProgressOutput {
        ProgressOutput(isTerminal: Syscalls.isTerminal(2), width: TerminalWidth.current(for: 2)) {
            Syscalls.writeStandardError($0)
        }
    }

    /// Writes `text` as one or more lines of at most `width` characters, continuation lines
    /// indented by two spaces (`TerminalText.wrapped`).
    public func writeWrapped(_ text: String) {
        write(TerminalText.wrapped(text, width: width, indent: 2).map { $0 + "\n" }.joined())
    }

    /// Discards everything (tests).
    public static let silent = ProgressOutput(isTerminal: false) { _ in }

    /// Seconds on the monotonic clock.
    @Sendable public static func monotonicSeconds() -> Double {
        (ContinuousClock.now - start).seconds
    }

    private static let start = ContinuousClock.now
}
