/// An error from the result store, the lock or a run, as one line naming the file or section
/// and what to do.
public enum ResultsError: Error, CustomStringConvertible, Equatable {
    /// A stored file does not parse.
    case malformed(path: String, detail: String)
    /// A system call on `path` failed with `errno`.
    case io(path: String, operation: String, errno: Int32)
    /// Another process holds the results lock.
    case locked(path: String, holder: String)
    /// A section name that no experiment has.
    case unknownSection(String, known: [String])
    /// An output path names something that is not a regular file (`kind`: a directory, a
    /// character device, a FIFO, …), which a write would replace.
    case notRegularFile(path: String, kind: String)

    public var description: String {
        switch self {
        case .malformed(let path, let detail):
            "\(path): \(detail); delete the file or rerun the section"
        case .io(let path, let operation, let code):
            "\(path): \(operation) failed: \(Syscalls.errorText(code))"
        case .locked(let path, let holder):
            "\(path): results locked by \(holder); wait for that run to finish"
        case .notRegularFile(let path, let kind):
            "\(path): is \(kind), not a regular file; refusing to replace it (give a file path)"
        case .unknownSection(let name, let known):
            "unknown section '\(name)'; known sections: \(known.isEmpty ? "(none yet)" : known.joined(separator: ", "))"
        }
    }
}
