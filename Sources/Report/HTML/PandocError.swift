/// Why pandoc could not turn the report's Markdown into its HTML page.
///
/// Every case prints as one line that says what to do, so the CLI can show it as is.
public enum PandocError: Error, CustomStringConvertible, Equatable, Sendable {
    /// No executable `pandoc` in any directory of `PATH`.
    case notFound
    /// pandoc was found at `path` but could not be started, or its files could not be handled.
    case io(path: String, message: String)
    /// pandoc exited with `status`; `message` is the first line it printed on stderr.
    case failed(status: Int32, message: String)
    /// pandoc's page lacks something the Markdown carried (`what`), so a figure would be lost.
    case unexpectedOutput(what: String)

    /// The one-line message.
    public var description: String {
        switch self {
        case .notFound:
            return "pandoc not found; run make deps"
        case .io(let path, let message):
            return "\(path): \(message)"
        case .failed(let status, let message):
            return "pandoc exited with status \(status)\(message.isEmpty ? "" : ": \(message)"); check its version (make deps installs Debian's)"
        case .unexpectedOutput(let what):
            return "pandoc's HTML lacks \(what); check its version (make deps installs Debian's)"
        }
    }
}
