import FuzzSupport
@testable import Datasets

/// The JSON Lines corpus reader (the KJV loader's line-by-line decoding).
@main enum FuzzJSONL {
    static func main() {
        fuzz { bytes in _ = try? KJV.verses(in: bytes, file: "fuzz.jsonl") }
    }
}
