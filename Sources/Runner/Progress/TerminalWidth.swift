import Foundation

/// How many columns a line printed on the terminal may take.
///
/// `COLUMNS` when it holds a positive number (a user or script asking for a width), else the
/// width the terminal on the file descriptor reports, else 80: output that goes to a file or a
/// pipe is laid out for the classic terminal, so logs read the same everywhere.
public enum TerminalWidth {
    /// The width used when nothing says otherwise.
    public static let fallback = 80

    /// The width for text written to `fd` (2, standard error, for progress; 1 for tables).
    public static func current(for fd: Int32) -> Int {
        resolve(columns: Syscalls.environment("COLUMNS"), terminal: Syscalls.terminalColumns(fd))
    }

    /// The width from the `COLUMNS` text and the terminal's own report (a pure function, tested).
    static func resolve(columns: String?, terminal: Int?) -> Int {
        if let columns, let width = Int(columns.trimmingCharacters(in: .whitespaces)), width > 0 { return width }
        return terminal ?? fallback
    }
}
