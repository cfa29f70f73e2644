/// The `trials.jsonl` format: one canonical JSON record per line, each line ending in `\n`.
///
/// See JSON Lines (jsonlines.org). Trial order is the experiment's order, which is fixed by its
/// parameters, so the file is deterministic apart from timing values.
public enum TrialsJSONL {
    /// The text of `records`, one line each.
    public static func text(of records: [TrialRecord]) -> String {
        records.map { $0.jsonLine + "\n" }.joined()
    }

    /// Reads records back; empty lines are skipped.
    /// - Parameter source: named in the error, e.g. `data/results/matmul/trials.jsonl`.
    /// - Throws: `ResultsError.malformed` naming the source and line number.
    public static func records(from text: String, source: String) throws(ResultsError) -> [TrialRecord] {
        var records: [TrialRecord] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where !line.isEmpty {
            do { records.append(try TrialRecord(jsonLine: String(line))) } catch {
                throw .malformed(path: source, detail: "line \(n + 1): \(error.reason)")
            }
        }
        return records
    }
}
