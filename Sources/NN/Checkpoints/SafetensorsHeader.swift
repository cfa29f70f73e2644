import Foundation

/// The parsed and validated header of a safetensors file (huggingface/safetensors, "Format"):
///
/// ```
/// bytes 0..<8        N, the header length, unsigned 64-bit little-endian
/// bytes 8..<8+N      UTF-8 JSON: {"name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [b, e]}, …,
///                                 "__metadata__": {"key": "value", …}}   (optional metadata; may be
///                                 padded with trailing spaces)
/// bytes 8+N..<end    the data section; a tensor's bytes are [8+N+b, 8+N+e), row-major, little-endian
/// ```
/// Validation, before any tensor is read (each failure is one `SafetensorsError` kind):
/// - N ≤ 100 000 000 (the reference implementation's limit) and 8 + N ≤ the file size, checked
///   before the header is allocated, so a corrupt length cannot ask for gigabytes;
/// - the header is a JSON object whose entries have a string `dtype`, a list of non-negative
///   integer `shape` and two integer `data_offsets`, and `__metadata__` maps strings to strings;
/// - every dtype is one of the specification's (`SafetensorsDType`);
/// - 0 ≤ b ≤ e ≤ the data section's size, e − b = (product of the shape) · dtype size, and no two
///   non-empty ranges overlap. Gaps between tensors are allowed (the reference writer leaves
///   none, but a reader gains nothing by refusing them).
/// JSON is parsed by Foundation (`JSONSerialization` for syntax, `JSONDecoder` for the typed
/// fields); integers written with a fraction or exponent that is not integral are rejected.
public struct SafetensorsHeader: Sendable, Hashable {
    /// The largest header length accepted: 100 MB.
    public static let maximumLength = 100_000_000

    /// The tensors, in the order of their bytes in the data section (ties by name).
    public let entries: [SafetensorsEntry]
    /// The `__metadata__` strings; empty when the file has none.
    public let metadata: [String: String]
    /// 8 + N: where the data section starts in the file.
    public let dataOffset: Int
    /// The size of the data section in bytes (file size − 8 − N).
    public let dataSize: Int
    /// Entry indices by name.
    private let index: [String: Int]

    /// The entry of the tensor called `name`, if any.
    public func entry(named name: String) -> SafetensorsEntry? {
        index[name].map { entries[$0] }
    }

    /// N from the first 8 bytes of a file of `fileSize` bytes, checked against the limit and
    /// the file size.
    /// - Throws: `truncated` when the file is shorter than 8 bytes or than 8 + N,
    ///   `headerTooLarge` when N exceeds `maximumLength`.
    static func headerLength(prefix: some Collection<UInt8>, fileSize: Int, path: String) throws(SafetensorsError) -> Int {
        guard prefix.count >= 8, fileSize >= 8 else {
            throw SafetensorsError(path: path, kind: .truncated, detail: "\(fileSize) bytes, shorter than the 8-byte header length of a safetensors file")
        }
        let length = prefix.prefix(8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard length <= UInt64(maximumLength) else {
            throw SafetensorsError(path: path, kind: .headerTooLarge, detail: "header length \(length) exceeds the \(maximumLength)-byte limit; not a safetensors file or corrupt")
        }
        guard 8 + Int(length) <= fileSize else {
            throw SafetensorsError(path: path, kind: .truncated, detail: "header of \(length) bytes announced, but the file has \(fileSize) bytes; the file is truncated")
        }
        return Int(length)
    }

    /// Parses and validates the JSON header of a file of `fileSize` bytes.
    /// - Parameters:
    ///   - json: the N header bytes.
    ///   - fileSize: the whole file's size, which bounds the data section.
    ///   - path: names the file in errors.
    init(json: [UInt8], fileSize: Int, path: String) throws(SafetensorsError) {
        func fail(_ kind: SafetensorsError.Kind, _ detail: String) -> SafetensorsError {
            SafetensorsError(path: path, kind: kind, detail: detail)
        }
        dataOffset = 8 + json.count
        dataSize = fileSize - dataOffset
        let data = Data(json)
        do {
            _ = try JSONSerialization.jsonObject(with: data)
        } catch {
            let where_ = (error as NSError).userInfo[NSDebugDescriptionErrorKey].map { " (\($0))" } ?? ""
            throw fail(.malformedHeader, "header is not valid JSON\(where_)")
        }
        let form: JSONForm
        do {
            form = try JSONDecoder().decode(JSONForm.self, from: data)
        } catch let error as DecodingError {
            throw fail(.malformedHeader, Self.explain(error))
        } catch {
            throw fail(.malformedHeader, "header cannot be decoded (\(error))")
        }

        var entries: [SafetensorsEntry] = []
        // By name, so that of several faults the same one is reported every time.
        for (name, raw) in form.tensors.sorted(by: { $0.0 < $1.0 }) {
            guard let dtype = SafetensorsDType(rawValue: raw.dtype) else {
                throw fail(.unknownDType, "tensor '\(name)' has dtype '\(raw.dtype)', not one of \(SafetensorsDType.allCases.map(\.rawValue).joined(separator: " "))")
            }
            guard raw.shape.allSatisfy({ $0 >= 0 }) else {
                throw fail(.malformedHeader, "tensor '\(name)' has a negative extent in shape \(raw.shape)")
            }
            guard raw.dataOffsets.count == 2 else {
                throw fail(.malformedHeader, "tensor '\(name)' has data_offsets \(raw.dataOffsets), not [begin, end]")
            }
            let (begin, end) = (raw.dataOffsets[0], raw.dataOffsets[1])
            guard begin >= 0, begin <= end, end <= dataSize else {
                throw fail(.offsetsOutsideData, "tensor '\(name)' has data_offsets [\(begin), \(end)], not within 0 ≤ begin ≤ end ≤ \(dataSize) (the data section's size)")
            }
            var bytes = dtype.size
            for extent in raw.shape {
                let (product, overflow) = bytes.multipliedReportingOverflow(by: extent)
                guard !overflow else { bytes = -1; break }
                bytes = product
            }
            guard bytes == end - begin else {
                throw fail(.sizeMismatch, "tensor '\(name)' of shape \(raw.shape) and dtype \(dtype.rawValue) needs \(bytes < 0 ? "more than Int.max" : String(bytes)) bytes, but data_offsets [\(begin), \(end)] hold \(end - begin)")
            }
            entries.append(SafetensorsEntry(name: name, dtype: dtype, shape: raw.shape, dataRange: begin..<end))
        }
        entries.sort { ($0.dataRange.lowerBound, $0.name) < ($1.dataRange.lowerBound, $1.name) }
        var previous: SafetensorsEntry?
        for entry in entries where !entry.dataRange.isEmpty {
            if let p = previous, entry.dataRange.lowerBound < p.dataRange.upperBound {
                throw fail(.overlappingTensors, "tensors '\(p.name)' \(p.dataRange) and '\(entry.name)' \(entry.dataRange) overlap in the data section")
            }
            previous = entry
        }
        self.entries = entries
        self.metadata = form.metadata
        self.index = Dictionary(uniqueKeysWithValues: entries.enumerated().map { ($0.element.name, $0.offset) })
    }

    /// One line for a typed-field failure, naming the tensor and field.
    private static func explain(_ error: DecodingError) -> String {
        func place(_ path: [any CodingKey]) -> String {
            guard let first = path.first else { return "header" }
            if first.stringValue == JSONForm.metadataKey { return "__metadata__ (must map strings to strings)" }
            return path.count > 1 ? "tensor '\(first.stringValue)', field '\(path[1].stringValue)'" : "tensor '\(first.stringValue)'"
        }
        switch error {
        case .typeMismatch(_, let c), .valueNotFound(_, let c):
            if c.codingPath.isEmpty { return "header is not a JSON object of tensor entries" }
            return "\(place(c.codingPath)): \(c.debugDescription)"
        case .keyNotFound(let key, let c):
            return "\(place(c.codingPath)) has no '\(key.stringValue)'"
        case .dataCorrupted(let c):
            // Valid JSON (checked first) that the decoder refuses: a number that is not an Int
            // (the decoder's own text then wrongly says the data is not JSON, so it is left out).
            return "\(place(c.codingPath)): a shape or data_offsets value is not an integer"
        @unknown default:
            return "header cannot be decoded (\(error))"
        }
    }

    /// The header as JSON gives it: tensor entries by name, and the metadata.
    private struct JSONForm: Decodable {
        static let metadataKey = "__metadata__"

        /// One tensor entry's fields.
        struct Tensor: Decodable {
            let dtype: String
            let shape: [Int]
            let dataOffsets: [Int]

            enum CodingKeys: String, CodingKey {
                case dtype, shape
                case dataOffsets = "data_offsets"
            }
        }

        /// Any object key.
        struct Key: CodingKey {
            let stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        var tensors: [(String, Tensor)] = []
        var metadata: [String: String] = [:]

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: Key.self)
            for key in c.allKeys {
                if key.stringValue == Self.metadataKey {
                    metadata = try c.decode([String: String].self, forKey: key)
                } else {
                    tensors.append((key.stringValue, try c.decode(Tensor.self, forKey: key)))
                }
            }
        }
    }
}
