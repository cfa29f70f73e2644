import Foundation
import Testing

/// `quantlab embed` end to end: two reference sentences, their ids and embeddings against the
/// golden file that transformers wrote (Tests/Fixtures/encoder/golden.json).
@Suite struct EmbedCommandTests {
    let dir: URL

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("quantlab-embed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    /// The golden inputs labelled `plain` and `kjv verse`: text, ids, embedding.
    static func golden() throws -> [(text: String, ids: [Int], embedding: [Double])] {
        let url = Binary.packageRoot.appendingPathComponent("Tests/Fixtures/encoder/golden.json")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        let inputs = try #require(json?["inputs"] as? [[String: Any]])
        return try ["plain", "kjv verse"].map { label in
            let input = try #require(inputs.first { $0["label"] as? String == label })
            return (try #require(input["text"] as? String), try #require(input["ids"] as? [Int]), try #require(input["embedding"] as? [Double]))
        }
    }

    @Test func embeddingsAndIdsMatchTheReference() throws {
        let golden = try Self.golden()
        let input = dir.appendingPathComponent("texts.txt"), output = dir.appendingPathComponent("emb.npy"), ids = dir.appendingPathComponent("ids.npy")
        try (golden.map(\.text).joined(separator: "\n") + "\n").write(to: input, atomically: true, encoding: .utf8)
        let r = try Binary.run(["embed", "--input", input.path, "--output", output.path, "--tokens", ids.path])
        #expect(r.status == 0, "\(r.stderr)")
        let (header, data) = try npyData(output)
        #expect(header.contains("'<f4'") && header.contains("(2, 384)"), "\(header)")
        let values = stride(from: 0, to: data.count, by: 4).map { i in
            Double(Float(bitPattern: UInt32(data[i]) | UInt32(data[i + 1]) << 8 | UInt32(data[i + 2]) << 16 | UInt32(data[i + 3]) << 24))
        }
        for (row, reference) in golden.enumerated() {
            let ours = values[(row * 384)..<((row + 1) * 384)]
            let cosine = zip(ours, reference.embedding).map(*).reduce(0, +)
            #expect(cosine >= 0.9999, "row \(row): cosine \(cosine)")
        }
        let (idsHeader, idsData) = try npyData(ids)
        let width = max(golden[0].ids.count, golden[1].ids.count)
        #expect(idsHeader.contains("'<i4'") && idsHeader.contains("(2, \(width))"), "\(idsHeader)")
        let tokens = stride(from: 0, to: idsData.count, by: 4).map { i in
            Int(Int32(bitPattern: UInt32(idsData[i]) | UInt32(idsData[i + 1]) << 8 | UInt32(idsData[i + 2]) << 16 | UInt32(idsData[i + 3]) << 24))
        }
        for (row, reference) in golden.enumerated() {
            #expect(Array(tokens[(row * width)..<(row * width + reference.ids.count)]) == reference.ids, "row \(row)")
        }
    }

    @Test func badArgumentsAreOneLine() throws {
        let unknown = try Binary.run(["embed", "--input", "x.txt", "--output", "y.npy", "--format", "int3"])
        #expect(unknown.status == 64 && unknown.stderr.hasPrefix("Error: --format int3 is not one of") && unknown.stderr.split(separator: "\n").count == 1, "\(unknown.stderr)")
        let missing = dir.appendingPathComponent("none.txt").path
        let r = try Binary.run(["embed", "--input", missing, "--output", dir.appendingPathComponent("e.npy").path])
        #expect(r.status == 1 && r.stderr.hasPrefix("Error: \(missing): cannot open") && r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
    }
}
