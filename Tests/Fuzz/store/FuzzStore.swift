import FuzzSupport
@testable import Records

/// The result store's readers: the JSON parser itself, `trials.jsonl` (one record a line) and
/// `meta.json` (a run record), all from the same text.
@main enum FuzzStore {
    static func main() {
        fuzz { bytes in
            let text = text(bytes)
            _ = try? JSONParser.parse(text)
            _ = try? TrialsJSONL.records(from: text, source: "trials.jsonl")
            _ = try? RunMeta(jsonText: text, source: "meta.json")
        }
    }
}
