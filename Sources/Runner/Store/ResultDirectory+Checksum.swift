import Datasets
public import Records

extension ResultDirectory {
    /// SHA-256 of the current `trials.jsonl`, or `nil` when it is missing.
    public func trialsSHA256() throws(ResultsError) -> String? {
        guard let text = try read(ResultDirectory.trialsJSONL) else { return nil }
        return SHA256.hex(ofText: text)
    }
}
