import Foundation

/// One line a benchmark peer writes on its standard output: a kind, then `key=value` fields.
///
/// ```
/// ready torch=1.13.0a0 transformers=4.30.2 threads=2 int8_cosine_mean=0.94…
/// time variant=fp32 seconds=1.21 sentences=32
/// unavailable reason=ModuleNotFoundError:_No_module_named_'torch'
/// error reason=unknown_command_'fp16'
/// ```
/// Fields are separated by runs of spaces; a value holds no space (the peer writes `_` for
/// one), may hold `=`, and may be empty. A repeated key keeps the last value, as a dictionary
/// literal would not; the peer never repeats one.
public struct PeerReply: Sendable, Equatable {
    /// The first word: `ready`, `time`, `unavailable`, `error`.
    public let kind: String
    /// The `key=value` fields after it.
    public let fields: [String: String]

    /// Parses one line (without its newline; a trailing `\r` is dropped).
    /// - Throws: `PeerProtocolError` for an empty line or a field without `=` or without a key.
    public init(parsing line: String) throws(PeerProtocolError) {
        let words = line.split(separator: " ", omittingEmptySubsequences: true)
            .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }.filter { !$0.isEmpty }
        guard let first = words.first, !first.contains("=") else {
            throw PeerProtocolError(line: line, problem: "no reply kind")
        }
        var fields: [String: String] = [:]
        for word in words.dropFirst() {
            guard let equals = word.firstIndex(of: "="), equals != word.startIndex else {
                throw PeerProtocolError(line: line, problem: "field '\(word)' is not key=value")
            }
            fields[String(word[..<equals])] = String(word[word.index(after: equals)...])
        }
        kind = first
        self.fields = fields
    }

    /// The field `key` as text.
    /// - Throws: `PeerProtocolError` when the field is missing.
    public func text(_ key: String) throws(PeerProtocolError) -> String {
        guard let value = fields[key] else { throw PeerProtocolError(line: description, problem: "no field '\(key)'") }
        return value
    }

    /// The field `key` as a finite number.
    /// - Throws: `PeerProtocolError` when the field is missing, not a number, NaN or infinite.
    public func number(_ key: String) throws(PeerProtocolError) -> Double {
        let value = try text(key)
        guard let x = Double(value), x.isFinite else {
            throw PeerProtocolError(line: description, problem: "field '\(key)' = '\(value)' is not a finite number")
        }
        return x
    }

    /// The `reason` field with `_` read back as spaces (what `unavailable` and `error` carry).
    public var reason: String {
        (fields["reason"] ?? "no reason given").replacingOccurrences(of: "_", with: " ")
    }

    /// The line again, fields in key order.
    public var description: String {
        ([kind] + fields.keys.sorted().map { "\($0)=\(fields[$0]!)" }).joined(separator: " ")
    }
}

/// A peer's line that does not follow the protocol.
public struct PeerProtocolError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The line as read.
    public let line: String
    /// What is wrong with it.
    public let problem: String

    /// An error about `line`.
    public init(line: String, problem: String) {
        self.line = line
        self.problem = problem
    }

    /// `peer reply 'time seconds': no field 'variant'`.
    public var description: String { "peer reply '\(line)': \(problem)" }
}
